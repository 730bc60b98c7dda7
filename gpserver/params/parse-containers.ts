import type { GpScalarDataType } from '../model/gp-parameter.js';
import { GP_DATA_TYPES } from '../model/gp-parameter.js';
import { describe, isRecord, type TypeParser } from './value-parser.js';

/** The member type of `GPMultiValue:<member>`, or undefined for other types. */
export function multiValueMember(dataType: string): GpScalarDataType | undefined {
  return GP_DATA_TYPES.find((type) => dataType === `GPMultiValue:${type}`);
}

/** A JSON array of member values; the parameter's choice list applies to each item. */
export const multiValueParser: TypeParser = {
  encoding: 'json',
  parse(value, context) {
    const { spec } = context;
    const member = multiValueMember(spec.dataType);
    if (member === undefined) return context.fail(`${spec.dataType} is not a multi-value type`);
    if (!Array.isArray(value)) return context.fail(`expected a JSON array of ${member} values, got ${describe(value)}`);
    return value.map((item: unknown, index) => context.nested({ ...spec, dataType: member }, item, `item ${index + 1}`));
  },
};

/** Rows are arrays with one cell per column; rows keyed by column name are accepted and put in column order. */
export const valueTableParser: TypeParser = {
  encoding: 'json',
  parse(value, context) {
    const columns = context.spec.parameterInfos ?? [];
    if (columns.length === 0) return context.fail('the value table defines no columns');
    const names = columns.map((column) => column.name).join(', ');
    if (!Array.isArray(value)) return context.fail(`expected a JSON array of rows [${names}], got ${describe(value)}`);
    return value.map((row: unknown, rowIndex) => {
      const cells = isRecord(row) ? columns.map((column) => row[column.name]) : row;
      if (!Array.isArray(cells) || cells.length !== columns.length) {
        return context.fail(`row ${rowIndex + 1}: expected ${columns.length} values [${names}], got ${describe(row)}`);
      }
      return columns.map((column, index) => context.nested(column, cells[index], `row ${rowIndex + 1}, column '${column.name}'`));
    });
  },
};

/**
 * The first member type that accepts the value wins. Text encoding, because a member such as
 * GPString takes the raw field while GPLinearUnit wants it decoded: each member decodes for itself.
 */
export const compositeParser: TypeParser = {
  encoding: 'text',
  parse(value, context) {
    const members = context.spec.parameterInfos ?? [];
    const reasons: string[] = [];
    for (const member of members) {
      const attempt = context.attempt(member, value, context.fromText);
      if ('value' in attempt) return attempt.value;
      reasons.push(`as ${member.dataType}: ${attempt.error}`);
    }
    return context.fail(`matches none of the accepted types (${reasons.join('; ')})`);
  },
};
