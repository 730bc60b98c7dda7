/**
 * What changed in one GP parameter between two introspections, and whether a client of the
 * generated schema would break (https://developers.arcgis.com/rest/services-reference/enterprise/gp-task.htm
 * lists the properties compared).
 */
import type { CatalogParameter } from '../../core/catalog.js';

export type ParameterField = 'dataType' | 'direction' | 'requirement' | 'choiceList' | 'defaultValue' | 'parameterInfos';

export interface ParameterFieldChange {
  readonly field: ParameterField;
  readonly before?: string;
  readonly after?: string;
  readonly breaking: boolean;
}

/** JSON with sorted keys, so that key order in the upstream's answer is not a change. */
export function stableJson(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function choiceListChange(before: readonly string[] | undefined, after: readonly string[] | undefined): ParameterFieldChange | undefined {
  if (before === undefined && after === undefined) return undefined;
  const change = (breaking: boolean): ParameterFieldChange => ({
    field: 'choiceList',
    ...(before ? { before: JSON.stringify(before) } : {}),
    ...(after ? { after: JSON.stringify(after) } : {}),
    breaking,
  });
  // Adding a list rejects values that were valid; dropping one turns a generated enum into a plain
  // String, which breaks clients of the schema even though the upstream accepts more.
  if (before === undefined || after === undefined) return change(true);
  const removed = before.filter((c) => !after.includes(c));
  const added = after.filter((c) => !before.includes(c));
  if (removed.length === 0 && added.length === 0) return undefined;
  return change(removed.length > 0);
}

function requirementBreaks(before: CatalogParameter['requirement'], after: CatalogParameter['requirement']): boolean {
  // Relaxing required → optional is safe; anything that demands more, or moves to or from derived, is not.
  return after === 'required' || before === 'derived' || after === 'derived';
}

export function diffParameter(before: CatalogParameter, after: CatalogParameter): ParameterFieldChange[] {
  const changes: ParameterFieldChange[] = [];
  const simple = (field: ParameterField, b: string | undefined, a: string | undefined, breaking: boolean): void => {
    if (b !== a) changes.push({ field, ...(b === undefined ? {} : { before: b }), ...(a === undefined ? {} : { after: a }), breaking });
  };
  simple('dataType', before.dataType, after.dataType, true);
  simple('direction', before.direction, after.direction, true);
  simple('requirement', before.requirement, after.requirement, requirementBreaks(before.requirement, after.requirement));
  const choices = choiceListChange(before.choiceList, after.choiceList);
  if (choices) changes.push(choices);
  simple('defaultValue', stableJson(before.defaultValue), stableJson(after.defaultValue), false);
  simple('parameterInfos', stableJson(before.parameterInfos), stableJson(after.parameterInfos), true);
  return changes;
}

/** A new input the caller must now supply breaks every existing call; anything else added is safe. */
export function additionBreaks(parameter: CatalogParameter): boolean {
  return parameter.direction === 'input' && parameter.requirement === 'required';
}
