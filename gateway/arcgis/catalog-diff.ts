/**
 * What changed between two introspections of the configured GP services, for logging and for
 * deciding whether a schema rebuild breaks clients. Services are matched by URL, tasks and
 * parameters by their exact published names
 * (https://developers.arcgis.com/rest/services-reference/enterprise/gp-service.htm).
 */
import type { Catalog, CatalogService, CatalogTask } from '../../core/catalog.js';
import { additionBreaks, diffParameter, type ParameterField } from './parameter-diff.js';

interface Where {
  /** Service URL: the identity. */
  readonly url: string;
  /** Service name ('Folder/Name'), for people. */
  readonly service: string;
  readonly breaking: boolean;
}

export type CatalogChange =
  | (Where & { readonly kind: 'service-added' | 'service-removed' })
  | (Where & { readonly kind: 'service-changed'; readonly field: 'status' | 'alias'; readonly before?: string; readonly after?: string })
  | (Where & { readonly kind: 'task-added' | 'task-removed'; readonly task: string })
  | (Where & {
      readonly kind: 'task-changed';
      readonly task: string;
      readonly field: 'execution';
      readonly before: string;
      readonly after: string;
    })
  | (Where & { readonly kind: 'parameter-added' | 'parameter-removed'; readonly task: string; readonly parameter: string })
  | (Where & {
      readonly kind: 'parameter-changed';
      readonly task: string;
      readonly parameter: string;
      readonly field: ParameterField;
      readonly before?: string;
      readonly after?: string;
    });

export interface CatalogDiff {
  readonly changes: readonly CatalogChange[];
  /** Whether any change is breaking. */
  readonly breaking: boolean;
}

function byName<T extends { readonly name: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.name, item]));
}

function diffTask(where: Omit<Where, 'breaking'>, before: CatalogTask, after: CatalogTask, out: CatalogChange[]): void {
  const task = after.name;
  if (before.execution !== after.execution) {
    out.push({
      ...where,
      kind: 'task-changed',
      task,
      field: 'execution',
      before: before.execution,
      after: after.execution,
      breaking: true,
    });
  }
  const old = byName(before.parameters);
  const now = byName(after.parameters);
  for (const p of before.parameters) {
    if (!now.has(p.name)) out.push({ ...where, kind: 'parameter-removed', task, parameter: p.name, breaking: true });
  }
  for (const p of after.parameters) {
    const was = old.get(p.name);
    if (!was) {
      out.push({ ...where, kind: 'parameter-added', task, parameter: p.name, breaking: additionBreaks(p) });
      continue;
    }
    for (const change of diffParameter(was, p)) out.push({ ...where, kind: 'parameter-changed', task, parameter: p.name, ...change });
  }
}

function diffService(before: CatalogService, after: CatalogService, out: CatalogChange[]): void {
  const where = { url: after.url, service: after.name };
  if (before.alias !== after.alias) {
    // The alias prefixes generated GraphQL names, so renaming it renames the whole service's schema.
    out.push({
      ...where,
      kind: 'service-changed',
      field: 'alias',
      ...(before.alias ? { before: before.alias } : {}),
      ...(after.alias ? { after: after.alias } : {}),
      breaking: true,
    });
  }
  if (before.status !== after.status) {
    out.push({
      ...where,
      kind: 'service-changed',
      field: 'status',
      before: before.status,
      after: after.status,
      breaking: after.status === 'error',
    });
  }
  if (before.status !== 'ok' || after.status !== 'ok') return;
  const now = byName(after.tasks);
  const old = byName(before.tasks);
  for (const t of before.tasks) if (!now.has(t.name)) out.push({ ...where, kind: 'task-removed', task: t.name, breaking: true });
  for (const t of after.tasks) {
    const was = old.get(t.name);
    if (was) diffTask(where, was, t, out);
    else out.push({ ...where, kind: 'task-added', task: t.name, breaking: false });
  }
}

export function diffCatalogs(before: Catalog, after: Catalog): CatalogDiff {
  const changes: CatalogChange[] = [];
  const now = new Map(after.services.map((s) => [s.url, s]));
  const old = new Map(before.services.map((s) => [s.url, s]));
  for (const s of before.services) {
    if (!now.has(s.url)) changes.push({ kind: 'service-removed', url: s.url, service: s.name, breaking: true });
  }
  for (const s of after.services) {
    const was = old.get(s.url);
    if (was) diffService(was, s, changes);
    else changes.push({ kind: 'service-added', url: s.url, service: s.name, breaking: false });
  }
  return { changes, breaking: changes.some((c) => c.breaking) };
}

function describe(change: CatalogChange): string {
  const fromTo = (b: string | undefined, a: string | undefined): string => `${b ?? '(none)'} → ${a ?? '(none)'}`;
  switch (change.kind) {
    case 'service-added':
    case 'service-removed':
      return `${change.kind.replace('-', ' ')}: ${change.service} (${change.url})`;
    case 'service-changed':
      return `service ${change.service}: ${change.field} ${fromTo(change.before, change.after)}`;
    case 'task-added':
    case 'task-removed':
      return `${change.kind.replace('-', ' ')}: ${change.service}/${change.task}`;
    case 'task-changed':
      return `task ${change.service}/${change.task}: ${change.field} ${fromTo(change.before, change.after)}`;
    case 'parameter-added':
    case 'parameter-removed':
      return `${change.kind.replace('-', ' ')}: ${change.service}/${change.task} ${change.parameter}`;
    case 'parameter-changed':
      return `parameter ${change.service}/${change.task} ${change.parameter}: ${change.field} ${fromTo(change.before, change.after)}`;
  }
}

/** One line per change, breaking ones flagged, for the log. */
export function summary(diff: CatalogDiff): string[] {
  return diff.changes.map((change) => `${change.breaking ? '[breaking] ' : ''}${describe(change)}`);
}
