/**
 * Hand-written guards that read untrusted REST JSON and, when it is wrong, say where:
 * a GatewayError UPSTREAM_INVALID_RESPONSE naming the resource URL and a JSON path
 * such as `$.parameters[3].direction`.
 */
import { ERROR_CODES } from '../../../core/errors/error-codes.js';
import { GatewayError } from '../../../core/errors/gateway-error.js';

export type JsonObject = Readonly<Record<string, unknown>>;

/** Where a value sits: which resource (URL without query) and which JSON path inside it. */
export interface At {
  readonly url: string;
  readonly resource: string;
  readonly path: string;
}

export function rootAt(url: string, resource: string): At {
  return { url, resource, path: '$' };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function childAt(at: At, key: string | number): At {
  if (typeof key === 'number') return { ...at, path: `${at.path}[${key}]` };
  return { ...at, path: IDENTIFIER.test(key) ? `${at.path}.${key}` : `${at.path}[${JSON.stringify(key)}]` };
}

export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'undefined') return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  return typeof value;
}

export function invalid(at: At, expected: string, value: unknown): GatewayError {
  return new GatewayError(
    ERROR_CODES.UPSTREAM_INVALID_RESPONSE,
    `Invalid ${at.resource} JSON from ${at.url}: at ${at.path} expected ${expected}, got ${describeJson(value)}`,
    { url: at.url },
  );
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown, at: At): JsonObject {
  if (!isObject(value)) throw invalid(at, 'an object', value);
  return value;
}

export function asArray(value: unknown, at: At): readonly unknown[] {
  if (!Array.isArray(value)) throw invalid(at, 'an array', value);
  return value;
}

export function asString(value: unknown, at: At): string {
  if (typeof value !== 'string') throw invalid(at, 'a string', value);
  return value;
}

export function requiredString(obj: JsonObject, key: string, at: At): string {
  const value = obj[key];
  if (typeof value !== 'string') throw invalid(childAt(at, key), 'a string', value);
  return value;
}

/** Absent and null both mean "not published". */
export function optionalString(obj: JsonObject, key: string, at: At): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(childAt(at, key), 'a string', value);
  return value;
}

/** Some releases publish numbers as strings ("10.61"); both are accepted. */
export function optionalNumber(obj: JsonObject, key: string, at: At): number | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  throw invalid(childAt(at, key), 'a number', value);
}

export function optionalArray(obj: JsonObject, key: string, at: At): readonly unknown[] | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  return asArray(value, childAt(at, key));
}

/** Choice lists are strings, but numeric choices (GPLong) come back as numbers on some servers. */
export function optionalChoiceList(obj: JsonObject, key: string, at: At): readonly string[] | undefined {
  const list = optionalArray(obj, key, at);
  return list?.map((item, i) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'number' || typeof item === 'boolean') return String(item);
    throw invalid(childAt(childAt(at, key), i), 'a string', item);
  });
}

/**
 * Reads a value spelled one of several Esri ways, case-insensitively and with or without
 * its prefix: 'esriGPParameterDirectionInput', 'Input' and 'input' all mean 'input'.
 */
export function esriEnum<T extends string>(value: unknown, at: At, prefix: string, mapping: Readonly<Record<string, T>>): T {
  if (typeof value === 'string') {
    const bare = value.toLowerCase().startsWith(prefix.toLowerCase()) ? value.slice(prefix.length) : value;
    const found = mapping[bare.toLowerCase()];
    if (found !== undefined) return found;
  }
  const expected = Object.keys(mapping).map((k) => `${prefix}${k[0]?.toUpperCase() ?? ''}${k.slice(1)}`);
  throw invalid(at, `one of ${expected.join(', ')}`, value);
}
