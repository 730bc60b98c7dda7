/**
 * The custom scalars every generated schema shares: `Long` (GPLong is 64-bit, GraphQL `Int` only 32),
 * `DateTime` (GPDate travels as epoch milliseconds upstream, ISO 8601 over GraphQL) and `JSON`
 * (unknown dataTypes and large geometry). Instances are immutable, so schemas may share them.
 */
import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import { isUploadable, type Uploadable } from '../core/files/disk-file.js';

const LONG_MAX = 9223372036854775807n;
const LONG_MIN = -9223372036854775808n;

/** A value as the client wrote it: strings quoted, literals printed. */
function shown(value: unknown): string {
  if (typeof value === 'string' || Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) return JSON.stringify(value);
  return String(value);
}

function longError(display: string, why: string): GraphQLError {
  return new GraphQLError(`Long cannot represent ${display}: ${why}`);
}

/** Safe integers stay numbers so ordinary values stay easy to use; the rest are bigints. */
export type LongValue = number | bigint;

function fromBigInt(value: bigint, display: string): LongValue {
  if (value > LONG_MAX || value < LONG_MIN) throw longError(display, 'out of the 64-bit range ±9223372036854775807');
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

function fromDigits(text: string, display: string): LongValue {
  if (!/^-?[0-9]+$/.test(text)) throw longError(display, 'not an integer');
  return fromBigInt(BigInt(text), display);
}

function parseLong(value: unknown): LongValue {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value))
      throw longError(shown(value), 'a JSON number must be a safe integer (±9007199254740991); send larger values as a string');
    return value;
  }
  if (typeof value === 'string') return fromDigits(value, shown(value));
  throw longError(shown(value), 'expected an integer or a string of digits');
}

function serializeLong(value: unknown): number | string {
  let long: LongValue;
  if (typeof value === 'bigint') long = fromBigInt(value, shown(value));
  else if (typeof value === 'number' && Number.isInteger(value)) long = fromBigInt(BigInt(value), shown(value));
  else if (typeof value === 'string') long = fromDigits(value.trim(), shown(value));
  else throw longError(shown(value), 'not an integer');
  return typeof long === 'number' ? long : long.toString();
}

export const LongScalar = new GraphQLScalarType<LongValue, number | string>({
  name: 'Long',
  description:
    'A 64-bit signed integer (-9223372036854775808 to 9223372036854775807). Accepted as an Int literal, ' +
    'a JSON number that is a safe integer (|n| ≤ 9007199254740991) or a string of digits. ' +
    'Returned as a number when it is a safe integer, otherwise as a string of digits.',
  serialize: serializeLong,
  parseValue: parseLong,
  parseLiteral(ast) {
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return fromDigits(ast.value, print(ast));
    throw longError(print(ast), 'expected an integer literal or a string of digits');
  },
});

// Time zone required: a local time would be read in the gateway's zone, not the client's.
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?([Zz]|[+-](\d{2}):?(\d{2}))$/;

function dateTimeError(display: string, why: string): GraphQLError {
  return new GraphQLError(`DateTime cannot represent ${display}: ${why}`);
}

// Not Date.UTC: it reads years 0–99 as 1900–1999.
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date;
}

function parseIso(text: string): Date {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) throw dateTimeError(shown(text), 'expected an ISO 8601 date-time with a time zone, e.g. 2024-05-01T12:00:00Z');
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = m
    .slice(1, 7)
    .map((part: string | undefined) => Number(part ?? 0));
  const fraction = Math.floor(Number(`0${m[7] ?? ''}`) * 1000);
  const [offsetHours = 0, offsetMinutes = 0] = m.slice(9, 11).map((part: string | undefined) => Number(part ?? 0));
  const calendar = utc(year, month, day, 0, 0, 0, 0);
  const validDay = calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
  if (!validDay || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) {
    throw dateTimeError(shown(text), 'not a valid calendar date and time');
  }
  const offsetMs = (m[8]?.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return new Date(utc(year, month, day, hour, minute, second, fraction).getTime() - offsetMs);
}

/** Epoch milliseconds, as GP REST expects GPDate values, of a DateTime (a Date or an ISO 8601 string). */
export function dateTimeToEpochMs(value: Date | string): number {
  const ms = typeof value === 'string' ? parseIso(value).getTime() : value.getTime();
  if (!Number.isFinite(ms)) throw dateTimeError(shown(value), 'invalid date');
  return ms;
}

/** The ISO 8601 (UTC) form of an upstream epoch-milliseconds GPDate. */
export function epochMsToDateTime(ms: number): string {
  const date = new Date(ms);
  if (!Number.isFinite(date.getTime())) throw dateTimeError(shown(ms), 'not a representable epoch-milliseconds time');
  return date.toISOString();
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description:
    'A date and time as an ISO 8601 string with a time zone (e.g. 2024-05-01T12:00:00Z or 2024-05-01T14:00:00+02:00); ' +
    'returned in UTC. Sent upstream as epoch milliseconds.',
  serialize(value) {
    if (value instanceof Date) return epochMsToDateTime(value.getTime());
    if (typeof value === 'number') return epochMsToDateTime(value);
    if (typeof value === 'string') return parseIso(value).toISOString();
    throw dateTimeError(shown(value), 'expected a Date, epoch milliseconds or an ISO 8601 string');
  },
  parseValue(value) {
    if (typeof value !== 'string') throw dateTimeError(shown(value), 'expected an ISO 8601 string');
    return parseIso(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw dateTimeError(print(ast), 'expected an ISO 8601 string literal');
    return parseIso(ast.value);
  },
});

function jsonFromLiteral(ast: ValueNode, variables: Readonly<Record<string, unknown>> | null | undefined): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((v) => jsonFromLiteral(v, variables) ?? null);
    case Kind.OBJECT:
      return Object.fromEntries(
        ast.fields.map((f) => [f.name.value, jsonFromLiteral(f.value, variables)]).filter(([, v]) => v !== undefined),
      );
    case Kind.VARIABLE:
      // An unset variable is absent: dropped from objects, null in lists.
      return variables?.[ast.name.value];
    case Kind.ENUM:
      throw new GraphQLError(`JSON cannot represent the enum literal ${ast.value}: quote it as a string`);
  }
}

export const JsonScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'Any JSON value: object, array, string, number, boolean or null.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: jsonFromLiteral,
});

/**
 * `Upload`: a file of a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec),
 * put in the variables by the request parser as a DiskFile (a Blob works too). Input only; it has
 * no literal form and is never returned.
 */
export const UploadScalar = new GraphQLScalarType<Uploadable, never>({
  name: 'Upload',
  description:
    'A file sent with the GraphQL multipart request spec (a variable, never a literal): `multipart/form-data` with `operations`, `map` and the files.',
  serialize: () => {
    throw new GraphQLError('Upload is an input-only scalar.');
  },
  parseValue: (value) => {
    if (isUploadable(value)) return value;
    throw new GraphQLError('Upload takes a file of a multipart request (GraphQL multipart request spec), not a JSON value.');
  },
  parseLiteral: () => {
    throw new GraphQLError('Upload takes a file of a multipart request as a variable; it has no literal form.');
  },
});
