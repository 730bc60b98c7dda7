import {
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  graphql,
  parseValue,
  valueFromAST,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { DateTimeScalar, JsonScalar, LongScalar, dateTimeToEpochMs, epochMsToDateTime } from '../../schema/scalars.js';

const MAX = '9223372036854775807';
const MIN = '-9223372036854775808';

/** A literal as graphql-js reads it into an argument; undefined means "invalid" there. */
function literal(
  source: string,
  type: typeof LongScalar | typeof DateTimeScalar | typeof JsonScalar,
  variables?: Record<string, unknown>,
): unknown {
  return valueFromAST(parseValue(source), type, variables);
}

describe('Long', () => {
  it.each<[unknown, number | bigint]>([
    [0, 0],
    [-42, -42],
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    ['123', 123],
    ['-9007199254740993', -9007199254740993n],
    [MAX, 9223372036854775807n],
    [MIN, -9223372036854775808n],
  ])('should parse the variable value %j', (input, expected) => {
    expect(LongScalar.parseValue(input)).toBe(expected);
  });

  it.each([
    [2 ** 53, /safe integer/],
    [1.5, /safe integer/],
    ['9223372036854775808', /Long cannot represent "9223372036854775808": out of the 64-bit range/],
    ['-9223372036854775809', /out of the 64-bit range/],
    ['12a', /not an integer/],
    ['1e3', /not an integer/],
    ['', /not an integer/],
    [true, /expected an integer/],
    [null, /expected an integer/],
  ])('should refuse the variable value %j', (input, message) => {
    expect(() => LongScalar.parseValue(input)).toThrow(message);
  });

  it('should parse Int and digit-string literals, and refuse others', () => {
    expect(literal('42', LongScalar)).toBe(42);
    expect(literal(MAX, LongScalar)).toBe(9223372036854775807n);
    expect(literal(`"${MIN}"`, LongScalar)).toBe(-9223372036854775808n);
    expect(literal('4.5', LongScalar)).toBeUndefined();
    expect(literal('"x"', LongScalar)).toBeUndefined();
    expect(() => LongScalar.parseLiteral(parseValue('9223372036854775808'))).toThrow(/9223372036854775808.*out of the 64-bit range/);
    expect(() => LongScalar.parseLiteral(parseValue('true'))).toThrow(/Long cannot represent true/);
  });

  it('should serialize safe integers as numbers and larger values as strings', () => {
    expect(LongScalar.serialize(7)).toBe(7);
    expect(LongScalar.serialize(9223372036854775807n)).toBe(MAX);
    expect(LongScalar.serialize(MIN)).toBe(MIN);
    expect(LongScalar.serialize('12')).toBe(12);
    expect(LongScalar.serialize(2 ** 60)).toBe('1152921504606846976');
    expect(() => LongScalar.serialize(2 ** 64)).toThrow(/out of the 64-bit range/);
    expect(() => LongScalar.serialize(0.5)).toThrow(/Long cannot represent 0.5/);
  });

  it('should say in its description how values travel', () => {
    expect(LongScalar.description).toMatch(/64-bit/);
    expect(LongScalar.description).toMatch(/string/);
  });
});

describe('DateTime', () => {
  it.each([
    ['2024-05-01T12:00:00Z', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01T14:00:00+02:00', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01T10:30-0130', '2024-05-01T12:00:00.000Z'],
    ['2024-02-29T23:59:59.1234z', '2024-02-29T23:59:59.123Z'],
    ['0050-01-01T00:00:00Z', '0050-01-01T00:00:00.000Z'],
  ])('should parse %s', (input, iso) => {
    expect(DateTimeScalar.parseValue(input).toISOString()).toBe(iso);
    expect(DateTimeScalar.serialize(input)).toBe(iso);
  });

  it.each([
    ['2024-05-01T12:00:00', /with a time zone/],
    ['2024-05-01', /with a time zone/],
    ['yesterday', /ISO 8601/],
    ['2023-02-29T00:00:00Z', /not a valid calendar date/],
    ['2024-13-01T00:00:00Z', /not a valid calendar date/],
    ['2024-05-01T24:00:00Z', /not a valid calendar date/],
    ['2024-05-01T12:00:00+25:00', /not a valid calendar date/],
  ])('should refuse %s', (input, message) => {
    expect(() => DateTimeScalar.parseValue(input)).toThrow(message);
  });

  it('should refuse non-strings as input', () => {
    expect(() => DateTimeScalar.parseValue(1714564800000)).toThrow(/ISO 8601 string/);
    expect(literal('1714564800000', DateTimeScalar)).toBeUndefined();
    expect((literal('"2024-05-01T12:00:00Z"', DateTimeScalar) as Date).getTime()).toBe(1714564800000);
  });

  it('should serialize Dates, epoch milliseconds and ISO strings to UTC ISO strings', () => {
    expect(DateTimeScalar.serialize(new Date(Date.UTC(2024, 4, 1, 12)))).toBe('2024-05-01T12:00:00.000Z');
    expect(DateTimeScalar.serialize(1714564800000)).toBe('2024-05-01T12:00:00.000Z');
    expect(() => DateTimeScalar.serialize(new Date(NaN))).toThrow(/DateTime cannot represent/);
    expect(() => DateTimeScalar.serialize(true)).toThrow(/DateTime cannot represent true/);
  });

  it('should convert to and from upstream epoch milliseconds', () => {
    expect(dateTimeToEpochMs('2024-05-01T14:00:00+02:00')).toBe(1714564800000);
    expect(dateTimeToEpochMs(new Date(1714564800000))).toBe(1714564800000);
    expect(epochMsToDateTime(1714564800000)).toBe('2024-05-01T12:00:00.000Z');
    expect(epochMsToDateTime(-86400000)).toBe('1969-12-31T00:00:00.000Z');
    expect(() => epochMsToDateTime(Number.POSITIVE_INFINITY)).toThrow(/epoch-milliseconds/);
    expect(() => dateTimeToEpochMs(new Date(NaN))).toThrow(/invalid date/);
  });
});

describe('JSON', () => {
  it('should parse object, list and scalar literals', () => {
    expect(literal('{ a: 1, b: [true, null, "x", 2.5], c: { d: -3 } }', JsonScalar)).toEqual({
      a: 1,
      b: [true, null, 'x', 2.5],
      c: { d: -3 },
    });
    expect(literal('"text"', JsonScalar)).toBe('text');
    expect(literal('12', JsonScalar)).toBe(12);
    expect(literal('null', JsonScalar)).toBeNull();
  });

  it('should read variables inside literals, dropping unset ones from objects', () => {
    expect(literal('{ a: $x, b: [$y, $unset], c: $unset }', JsonScalar, { x: { nested: [1] }, y: 'y' })).toEqual({
      a: { nested: [1] },
      b: ['y', null],
    });
  });

  it('should refuse enum literals', () => {
    expect(literal('{ units: METERS }', JsonScalar)).toBeUndefined();
    expect(() => JsonScalar.parseLiteral(parseValue('METERS'))).toThrow(/enum literal METERS/);
  });

  it('should pass values through parseValue and serialize', () => {
    const value = { features: [{ geometry: { x: 1, y: 2 } }] };
    expect(JsonScalar.parseValue(value)).toBe(value);
    expect(JsonScalar.serialize(value)).toBe(value);
  });
});

describe('the scalars in a schema', () => {
  const Input = new GraphQLInputObjectType({
    name: 'EchoInput',
    fields: { n: { type: LongScalar }, at: { type: DateTimeScalar }, data: { type: JsonScalar } },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        echo: {
          type: new GraphQLList(GraphQLString),
          args: { input: { type: Input } },
          resolve: (_root, args: { input: { n: number | bigint; at: Date; data: unknown } }) => [
            `${typeof args.input.n}:${String(args.input.n)}`,
            String(dateTimeToEpochMs(args.input.at)),
            JSON.stringify(args.input.data),
          ],
        },
        big: { type: LongScalar, resolve: () => 9223372036854775807n },
        when: { type: DateTimeScalar, resolve: () => 0 },
      },
    }),
  });

  it('should parse literals and variables and serialize results', async () => {
    const literalResult = await graphql({
      schema,
      source: `{ echo(input: { n: ${MAX}, at: "1970-01-01T00:00:01Z", data: { a: [1] } }) big when }`,
    });
    expect(literalResult).toEqual({ data: { echo: [`bigint:${MAX}`, '1000', '{"a":[1]}'], big: MAX, when: '1970-01-01T00:00:00.000Z' } });
    const variableResult = await graphql({
      schema,
      source: 'query ($input: EchoInput) { echo(input: $input) }',
      variableValues: { input: { n: 5, at: '1970-01-01T00:00:00.002Z', data: 'plain' } },
    });
    expect(variableResult).toEqual({ data: { echo: ['number:5', '2', '"plain"'] } });
  });

  it('should report an out-of-range Long naming the value', async () => {
    const result = await graphql({
      schema,
      source: 'query ($input: EchoInput) { echo(input: $input) }',
      variableValues: { input: { n: '9223372036854775808' } },
    });
    expect(result.errors?.[0]?.message).toMatch(/Long cannot represent "9223372036854775808": out of the 64-bit range/);
  });
});
