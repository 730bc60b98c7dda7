import { AREAL_UNITS, LINEAR_UNITS } from '../geo/esri-json.js';

type DefaultKind = 'linearUnit' | 'arealUnit' | 'features' | 'file' | 'object';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * GP defaults → GraphQL defaults (internal values: enum values are the Esri constants).
 * A default GraphQL cannot express is dropped: the server applies its own default when the
 * field is omitted anyway, so nothing is lost but the documentation of it.
 */
export function defaultFor(kind: DefaultKind): (gpDefault: unknown) => unknown {
  return (d) => {
    if (!isRecord(d)) return undefined;
    switch (kind) {
      case 'linearUnit':
        return typeof d.distance === 'number' && LINEAR_UNITS.some((u) => u === d.units)
          ? { distance: d.distance, units: d.units }
          : undefined;
      case 'arealUnit':
        return typeof d.area === 'number' && AREAL_UNITS.some((u) => u === d.units) ? { area: d.area, units: d.units } : undefined;
      case 'features':
        // A published feature set without features only describes the schema: it is no value.
        return Array.isArray(d.features) && d.features.length > 0 ? { esriJson: d } : undefined;
      case 'file':
        if (typeof d.url === 'string') return { url: d.url, ...(typeof d.format === 'string' ? { format: d.format } : {}) };
        return typeof d.itemID === 'string' ? { itemId: d.itemID } : undefined;
      case 'object':
        return d;
    }
  };
}
