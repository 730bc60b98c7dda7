import type { Builder } from '../builder.js';
import type { addReferenceTypes } from './references.js';

/**
 * Request environment of execute and submitJob. Sent as `context` to servers of 10.6.1 and later,
 * as `env:outSR`, `env:processSR` and `env:extent` to older ones (resolvers/convert/gp-options.ts).
 */
export function addOptionTypes(
  builder: Builder,
  references: Pick<ReturnType<typeof addReferenceTypes>, 'spatialReferenceInput' | 'envelopeInput'>,
) {
  const gpOptions = builder.inputType('GPOptions', {
    description:
      'Environment settings sent with the task request: as `context` to ArcGIS Server 10.6.1 and later (`GPService.version` ≥ 10.61), as `env:*` parameters to older servers.',
    fields: (t) => ({
      outSR: t.int({ description: 'Well-known ID of the spatial reference for feature outputs; or give `outSpatialReference`.' }),
      outSpatialReference: t.field({
        type: references.spatialReferenceInput,
        description: 'The spatial reference for feature outputs, by wkid, latestWkid or WKT.',
      }),
      processSR: t.int({ description: 'Well-known ID of the spatial reference the task computes in; or give `processSpatialReference`.' }),
      processSpatialReference: t.field({
        type: references.spatialReferenceInput,
        description: 'The spatial reference the task computes in, by wkid, latestWkid or WKT.',
      }),
      extent: t.field({ type: references.envelopeInput, description: 'The processing extent: the task considers only data inside it.' }),
      returnZ: t.boolean({ description: 'Keep z values in feature outputs.' }),
      returnM: t.boolean({ description: 'Keep m values in feature outputs.' }),
    }),
  });
  return { gpOptions };
}
