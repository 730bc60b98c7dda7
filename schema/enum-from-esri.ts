/**
 * GraphQL enum values for Esri constant families: `esriSquareMeters` → `SQUARE_METERS`,
 * `esriFieldTypeString` → `STRING`, `esriJobMessageTypeInformative` → `INFORMATIVE`.
 * The enum's internal value stays the Esri constant, so conversion to REST values is free.
 */
export function esriEnumValues(constants: readonly string[], prefix: string): Record<string, { value: string }> {
  const values: Record<string, { value: string }> = {};
  for (const constant of constants) {
    const bare = constant.startsWith(prefix) ? constant.slice(prefix.length) : constant;
    const name = bare.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
    values[name] = { value: constant };
  }
  return values;
}
