import type { AttributeValue } from '../../geo/esri-json.js';
import { GatewayError } from '../../core/errors/gateway-error.js';

/** Throws INVALID_INPUT about `param`; `what` says where in the value and what is wrong. */
export type Fail = (what: string) => never;

export function failFor(param: string): Fail {
  return (what) => {
    throw new GatewayError('INVALID_INPUT', `Parameter "${param}": ${what}`, { parameter: param });
  };
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** GP REST and some clients pass feature sets as JSON text; the GraphQL JSON scalar passes values. */
export function parsedJson(value: unknown, label: string, fail: Fail): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return fail(`${label} is a string that is not valid JSON`);
  }
}

/** Esri attribute values are scalars; nested objects would be rejected or mangled upstream. */
export function checkAttributes(value: unknown, where: string, fail: Fail): Record<string, AttributeValue> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return fail(`${where} must be an object`);
  const attributes: Record<string, AttributeValue> = {};
  for (const [key, v] of Object.entries(value)) {
    const scalar = v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
    attributes[key] = scalar ? v : fail(`${where}.${key} must be a string, a finite number, a boolean or null`);
  }
  return attributes;
}
