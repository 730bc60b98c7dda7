import { describe, expect, it } from 'vitest';
import { CONTEXT_SINCE_VERSION, optionsToParams } from '../../../resolvers/convert/gp-options.js';

const WKT = 'PROJCS["British_National_Grid",GEOGCS["GCS_OSGB_1936"]]';

describe('optionsToParams', () => {
  it('sends nothing for no options (the server applies its defaults)', () => {
    expect(optionsToParams(undefined, 11.3)).toEqual({});
    expect(optionsToParams({}, 11.3)).toEqual({});
    expect(optionsToParams({ outSR: null, returnZ: null }, 10.51)).toEqual({});
  });

  it('sends one context to servers of 10.6.1 and later', () => {
    expect(CONTEXT_SINCE_VERSION).toBe(10.61);
    const params = optionsToParams(
      {
        outSpatialReference: { wkid: 102_100, latestWkid: 3857 },
        processSR: 2229,
        extent: { xmin: 0, ymin: 1, xmax: 2, ymax: 3, spatialReference: { wkt: WKT } },
        returnZ: true,
      },
      10.61,
    );
    expect(params).toEqual({ context: expect.any(String) as string, returnZ: 'true' });
    expect(JSON.parse(params.context ?? '')).toEqual({
      outSR: { wkid: 102_100, latestWkid: 3857 },
      processSR: { wkid: 2229 },
      extent: { xmin: 0, ymin: 1, xmax: 2, ymax: 3, spatialReference: { wkt: WKT } },
    });
  });

  it('sends env parameters to older servers and to servers whose version is unknown (every version reads them)', () => {
    for (const version of [10.51, 10.6, undefined]) {
      expect(
        optionsToParams({ outSR: 4326, processSpatialReference: { wkt: WKT }, extent: { xmin: 0, ymin: 0, xmax: 1, ymax: 1 } }, version),
      ).toEqual({
        'env:outSR': '4326',
        'env:processSR': JSON.stringify({ wkt: WKT }),
        'env:extent': JSON.stringify({ xmin: 0, ymin: 0, xmax: 1, ymax: 1 }),
      });
    }
    expect(optionsToParams({ outSpatialReference: { wkid: 27_700, latestWkid: 27_700 } }, 10.31)).toEqual({
      'env:outSR': '{"wkid":27700,"latestWkid":27700}',
    });
  });

  it('refuses contradictory or empty options with INVALID_INPUT naming them', () => {
    expect(() => optionsToParams({ outSR: 4326, outSpatialReference: { wkid: 3857 } }, 11.3)).toThrow(
      /outSR or outSpatialReference, not both/,
    );
    expect(() => optionsToParams({ processSpatialReference: { wkt: ' ' } }, 11.3)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', info: { parameter: 'options' } }) as Error,
    );
    expect(() => optionsToParams({ extent: { xmin: 2, ymin: 0, xmax: 1, ymax: 1 } }, 10.51)).toThrow(/xmin ≤ xmax/);
  });
});
