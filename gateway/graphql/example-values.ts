import { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType } from 'graphql';

/** A point near the embedded server's sample location (the seed's Viewshed observer). */
const EXAMPLE_POINT = { type: 'Point', coordinates: [-119.6833, 36.3055] };

const SCALAR_EXAMPLES: Readonly<Record<string, unknown>> = {
  String: 'text',
  Int: 1,
  Float: 1.5,
  Boolean: true,
  ID: '1',
  Long: 1,
  DateTime: '2026-01-01T00:00:00.000Z',
  JSON: {},
};

const NAMED_EXAMPLES: Readonly<Record<string, unknown>> = {
  FeatureSetInput: { geoJson: EXAMPLE_POINT },
  LinearUnitInput: { distance: 5, units: 'KILOMETERS' },
  ArealUnitInput: { area: 1, units: 'SQUARE_KILOMETERS' },
  DataFileInput: { url: 'https://example.com/data.csv' },
  RasterInput: { url: 'https://example.com/dem.tif', format: 'tif' },
  SpatialReferenceInput: { wkid: 4326 },
};

/** A plausible variable value for an input type: required fields only, so server defaults apply. */
export function exampleValue(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return exampleValue(type.ofType, depth);
  if (isListType(type)) return [exampleValue(type.ofType, depth)];
  const named = getNamedType(type);
  if (Object.hasOwn(NAMED_EXAMPLES, named.name)) return NAMED_EXAMPLES[named.name];
  if (isEnumType(named)) return named.getValues()[0]?.name;
  if (isInputObjectType(named)) {
    if (depth > 3) return {};
    const fields = Object.values(named.getFields());
    const chosen = named.isOneOf ? fields.slice(0, 1) : fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return Object.fromEntries(chosen.map((f) => [f.name, exampleValue(f.type, depth + 1)]));
  }
  return SCALAR_EXAMPLES[named.name] ?? null;
}
