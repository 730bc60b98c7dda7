import type { GpDataType, ParameterInfo } from '../model/gp-parameter.js';

/** What a value is checked against: a parameter, a value-table column or a composite member. */
export interface ValueSpec {
  readonly dataType: GpDataType;
  readonly choiceList?: readonly string[];
  readonly parameterInfos?: readonly ParameterInfo[];
  readonly geometryType?: string;
  /** The published default; a feature set's tells the spatial reference of features sent without one. */
  readonly defaultValue?: unknown;
}

export interface ParseContext {
  readonly spec: ValueSpec;
  /** True when `value` is the raw form-field text rather than an already decoded JSON value. */
  readonly fromText: boolean;
  /** Throws a ParameterError for the parameter being parsed; the location of nested values is prefixed. */
  readonly fail: (detail: string) => never;
  /**
   * Parses a value nested in this one (list item, table cell, composite member). Passed in rather
   * than imported so the container parsers need not import the dispatcher that imports them.
   */
  readonly nested: (spec: ValueSpec, value: unknown, location: string) => unknown;
  /** Parses as `spec` without failing, for trying alternatives (composite members). */
  readonly attempt: (spec: ValueSpec, value: unknown, fromText: boolean) => { readonly value: unknown } | { readonly error: string };
}

export interface TypeParser {
  /**
   * 'text': the form field is the value itself (`In_Long=5`, `Name=Red`);
   * 'json': the form field holds JSON text that is decoded before `parse` sees it.
   */
  readonly encoding: 'text' | 'json';
  parse(value: unknown, context: ParseContext): unknown;
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === undefined ? 'nothing' : `a ${typeof value}`;
}
