/**
 * Published defaults. ArcGIS applies a parameter's published default itself when a request omits the
 * parameter, and for some tools computes it from the other inputs, so the schema gives input fields no
 * GraphQL default: graphql-js would fill one in and the gateway would send it, indistinguishable from a
 * caller's value. The published default is told in the field's description instead, and makes a required
 * parameter optional in GraphQL.
 */

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** ArcGIS treats an empty value like an absent one: an empty string or list is no default. */
export function isPublishedValue(gpDefault: unknown): boolean {
  return gpDefault !== undefined && gpDefault !== null && gpDefault !== '' && !(Array.isArray(gpDefault) && gpDefault.length === 0);
}

/** A feature set published without features (or a URL) only describes the expected schema: it is no value. */
export function isFeatureValue(gpDefault: unknown): boolean {
  return isRecord(gpDefault) && ((Array.isArray(gpDefault.features) && gpDefault.features.length > 0) || typeof gpDefault.url === 'string');
}

/** Longer defaults (feature sets, long value tables) are left to `Query.services`, which carries every one. */
const SHOWN_DEFAULT_LENGTH = 200;

/** The sentence of an input field's description that tells its published default. */
export function describePublishedDefault(gpDefault: unknown): string {
  const json = JSON.stringify(gpDefault);
  const published =
    json.length <= SHOWN_DEFAULT_LENGTH ? `published as \`${json}\`` : 'published as `defaultValue` of the parameter in `Query.services`';
  return `When omitted it is not sent, and the service applies its own default (${published}).`;
}
