import { describe, type ParseContext, type TypeParser } from './value-parser.js';

// GPLong is a 64-bit integer in ArcGIS, wider than a double can hold exactly.
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const INTEGER_TEXT = /^[+-]?\d+$/;
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// ECMAScript dates span ±10^8 days around the epoch.
const MAX_EPOCH_MS = 8.64e15;

/** Choice lists hold strings, so numbers are compared by their canonical text. */
function checkChoice(value: string | number, context: ParseContext): void {
  const choices = context.spec.choiceList;
  if (choices !== undefined && choices.length > 0 && !choices.includes(String(value))) {
    context.fail(`${describe(value)} is not one of the choices ${choices.join(', ')}`);
  }
}

export const stringParser: TypeParser = {
  encoding: 'text',
  parse(value, context) {
    if (typeof value !== 'string') return context.fail(`expected a string, got ${describe(value)}`);
    checkChoice(value, context);
    return value;
  },
};

/**
 * Canonical GPLong: a number when it is a safe integer (|n| < 2^53), otherwise the decimal digits
 * as a string, so values up to ±2^63 reach the tool unrounded. Inside JSON (lists, tables) big
 * values must already be strings: JSON.parse has rounded an unsafe number before we see it.
 */
export const longParser: TypeParser = {
  encoding: 'text',
  parse(value, context) {
    let result: number | string;
    if (typeof value === 'number') {
      if (!Number.isInteger(value)) return context.fail(`expected an integer, got ${describe(value)}`);
      if (!Number.isSafeInteger(value)) {
        return context.fail(`${value} is beyond ±2^53 and may have been rounded; send it as a string of digits`);
      }
      result = value + 0; // folds -0 into 0
    } else if (typeof value === 'string' && INTEGER_TEXT.test(value.trim())) {
      const big = BigInt(value.trim());
      if (big < LONG_MIN || big > LONG_MAX) return context.fail(`${value.trim()} is outside the 64-bit integer range`);
      const asNumber = Number(big);
      result = Number.isSafeInteger(asNumber) ? asNumber : big.toString();
    } else {
      return context.fail(`expected an integer, got ${describe(value)}`);
    }
    checkChoice(result, context);
    return result;
  },
};

export const doubleParser: TypeParser = {
  encoding: 'text',
  parse(value, context) {
    const number = typeof value === 'string' && DECIMAL_TEXT.test(value.trim()) ? Number(value.trim()) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) {
      return context.fail(`expected a finite number, got ${describe(value)}`);
    }
    checkChoice(number, context);
    return number;
  },
};

export const booleanParser: TypeParser = {
  encoding: 'text',
  parse(value, context) {
    if (typeof value === 'boolean') return value;
    const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
    if (text === 'true') return true;
    if (text === 'false') return false;
    return context.fail(`expected true or false, got ${describe(value)}`);
  },
};

export const dateParser: TypeParser = {
  encoding: 'text',
  parse(value, context) {
    const number = typeof value === 'string' && INTEGER_TEXT.test(value.trim()) ? Number(value.trim()) : value;
    if (typeof number !== 'number' || !Number.isSafeInteger(number) || Math.abs(number) > MAX_EPOCH_MS) {
      return context.fail(`expected a date as epoch milliseconds (an integer), got ${describe(value)}`);
    }
    return number + 0;
  },
};
