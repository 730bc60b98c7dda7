/**
 * Naming and collision rules: GP names → GraphQL names. Pure and deterministic.
 *
 * Words. A name is transliterated to ASCII (accents stripped, ß→ss, æ→ae, ø→o, œ→oe, ł→l, þ→th;
 * other non-ASCII characters dropped) and split into words on every other character (`_`, space,
 * `-`, `.`, `/`…). Camel humps inside a word are kept (`CalculateDensity`); an all-capitals word of
 * two or more letters is read as a word, not an acronym to keep (`ESRI` → `Esri`, `3D` stays).
 * - Type prefix (task, alias, service): PascalCase words; a leading digit gets `Task` in front
 *   (`3D_Analyst` → `Task3DAnalyst`); nothing left → `Task`.
 * - Field (parameter): camelCase words (`Input_Observation_Point` → `inputObservationPoint`,
 *   `XYToLine` → `xyToLine`); a leading digit gets `_` in front (`2nd_Input` → `_2ndInput`),
 *   nothing left → `_`. Names never start with `__` (reserved for introspection).
 * - Enum value (choice): UPPER_SNAKE words, camel humps split (`10 Meters` → `_10_METERS`,
 *   `a-b` → `A_B`); `TRUE`, `FALSE`, `NULL` get a trailing `_`; an empty choice is `_EMPTY`.
 *
 * Collisions.
 * - Enum values of one choice list: the first choice in list order keeps the name, later ones get
 *   `_2`, `_3`… (skipping names already taken); repeated identical choices are listed once.
 * - Fields of one task: the first parameter in task order keeps the name, later ones get `2`, `3`…;
 *   a reserved field name (e.g. `messages`) is never used: its first holder already gets `2`.
 * - Tasks (compared case-insensitively, services sorted by URL, tasks by name, so the input order
 *   of services never matters):
 *   1. a service alias (`--service url#alias`) always prefixes its tasks: `elev` + `Viewshed` →
 *      `ElevViewshed`;
 *   2. an unaliased prefix held by exactly one task stays bare; a prefix held by several tasks is
 *      qualified on all of them with the service name's last segment (`EsriElevationWorldViewshed`,
 *      `WorldViewshedViewshed`), then, if still shared, with the whole service name, folder included
 *      (`ElevationWorldViewshedViewshed`); tasks of one same service are never qualified against
 *      each other since that cannot separate them;
 *   3. names still shared get a numeric suffix (`2`, `3`…) in URL order, the first keeping the name.
 * - Shared types: when the prefix or any type made from it (`<P>Input`, `<P>Result`, `<P>Outputs`,
 *   `<P>Job`, `<P>Step`) equals, ignoring case, a shared type name passed in (`FeatureSet`, `GPJob`, `Query`…),
 *   the prefix gets a `Task` suffix (`FeatureSet` → `FeatureSetTask`, `GP` → `GpTask`) before
 *   collisions are resolved.
 * Root fields are `run<P>` and `submit<P>Job`.
 */
import type { Catalog } from '../core/catalog.js';

const TRANSLITERATIONS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'Ae',
  ø: 'o',
  Ø: 'O',
  œ: 'oe',
  Œ: 'Oe',
  ł: 'l',
  Ł: 'L',
  þ: 'th',
  Þ: 'Th',
  ð: 'd',
  Ð: 'D',
  đ: 'd',
  Đ: 'D',
  ı: 'i',
};

function words(name: string): string[] {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\u0020-\u007e]/g, (ch) => TRANSLITERATIONS[ch] ?? '');
  return ascii.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
}

/** All capitals (`ESRI`, `DEM2`) reads as a word; a lone capital (`3D`) is kept. */
function normaliseCase(word: string): string {
  if (/[a-z]/.test(word) || (word.match(/[A-Z]/g) ?? []).length < 2) return word;
  const first = word.search(/[A-Z]/);
  return word.slice(0, first + 1) + word.slice(first + 1).toLowerCase();
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function pascalWords(name: string): string {
  return words(name)
    .map((w) => capitalise(normaliseCase(w)))
    .join('');
}

export function typePrefix(name: string): string {
  const pascal = pascalWords(name);
  if (pascal === '') return 'Task';
  return /^[0-9]/.test(pascal) ? `Task${pascal}` : pascal;
}

export function fieldName(name: string): string {
  const pascal = pascalWords(name);
  // `XYToLine` → `xyToLine`: the leading capital run is lowered, except a capital opening the next hump.
  const camel = pascal.replace(/^[A-Z]+/, (run) =>
    run.length > 1 && /^[A-Z]+[a-z]/.test(pascal) ? run.slice(0, -1).toLowerCase() + run.slice(-1) : run.toLowerCase(),
  );
  return /^[A-Za-z]/.test(camel) ? camel : `_${camel}`;
}

export function enumValueName(choice: string): string {
  const snake = words(choice)
    .map((w) => w.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2'))
    .join('_')
    .toUpperCase();
  if (snake === '') return '_EMPTY';
  if (snake === 'TRUE' || snake === 'FALSE' || snake === 'NULL') return `${snake}_`;
  return /^[0-9]/.test(snake) ? `_${snake}` : snake;
}

/**
 * The first holder of each base name keeps it (unless reserved); later holders get the smallest free
 * `<base><sep><n>`, n ≥ 2. Bases are claimed up front so a literal `A_2` keeps its own name.
 */
function dedupe(bases: readonly string[], separator: string, reserved: ReadonlySet<string>): string[] {
  const taken = new Set(reserved);
  const keeps = bases.map((base) => {
    if (taken.has(base)) return false;
    taken.add(base);
    return true;
  });
  return bases.map((base, i) => {
    if (keeps[i] === true) return base;
    let n = 2;
    while (taken.has(`${base}${separator}${n}`)) n++;
    const name = `${base}${separator}${n}`;
    taken.add(name);
    return name;
  });
}

export interface EnumValueNaming {
  readonly name: string;
  /** The choice exactly as published, sent upstream. */
  readonly value: string;
}

export function enumValues(choices: readonly string[]): EnumValueNaming[] {
  const distinct = [...new Set(choices)];
  const names = dedupe(distinct.map(enumValueName), '_', new Set());
  return distinct.map((value, i) => ({ name: names[i] ?? value, value }));
}

/** Field names parallel to `names`, unique within one task and never one of `reserved`. */
export function uniqueFieldNames(names: readonly string[], reserved: Iterable<string> = []): string[] {
  return dedupe(names.map(fieldName), '', new Set(reserved));
}

export interface TaskNames {
  readonly prefix: string;
  readonly runField: string;
  readonly submitField: string;
  readonly inputType: string;
  readonly resultType: string;
  readonly outputsType: string;
  readonly jobType: string;
}

/** The key of a task in the map `taskNames` returns. */
export function taskKey(serviceUrl: string, taskName: string): string {
  return `${serviceUrl}\n${taskName}`;
}

interface Candidate {
  readonly key: string;
  readonly url: string;
  /** Names tried in turn: bare (or aliased), qualified by the last service segment, by the whole service name. */
  readonly names: readonly string[];
  level: number;
  name: string;
}

function avoidShared(prefix: string, shared: ReadonlySet<string>): string {
  const clash = (p: string) =>
    [p, `${p}Input`, `${p}Result`, `${p}Outputs`, `${p}Job`, `${p}Step`].some((n) => shared.has(n.toLowerCase()));
  let result = prefix;
  while (clash(result)) result = `${result}Task`;
  return result;
}

function groupByName(candidates: readonly Candidate[]): Candidate[][] {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const k = c.name.toLowerCase();
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  return [...groups.values()];
}

/** GraphQL names of every task of every ok service, keyed by `taskKey`, in URL then task-name order. */
export function taskNames(catalog: Catalog, sharedTypeNames: Iterable<string>): ReadonlyMap<string, TaskNames> {
  const shared = new Set([...sharedTypeNames].map((n) => n.toLowerCase()));
  const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const services = catalog.services.flatMap((s) => (s.status === 'ok' ? [s] : []));
  services.sort((a, b) => byCode(a.url, b.url) || byCode(a.alias ?? '', b.alias ?? ''));
  const candidates: Candidate[] = services.flatMap((s) =>
    [...s.tasks]
      .sort((a, b) => byCode(a.name, b.name))
      .map((t) => {
        const segments = s.name.split('/');
        const qualifiers = s.alias === undefined ? ['', segments[segments.length - 1] ?? '', s.name] : [s.alias];
        const task = pascalWords(t.name) || 'Task';
        const names = qualifiers.map((q) => avoidShared(typePrefix(`${pascalWords(q)}_${task}`), shared));
        return { key: taskKey(s.url, t.name), url: s.url, names, level: 0, name: names[0] ?? task };
      }),
  );
  // Qualify shared names level by level until nothing more can be qualified.
  for (let changed = true; changed;) {
    changed = false;
    for (const group of groupByName(candidates)) {
      if (group.length < 2 || group.every((c) => c.url === group[0]?.url)) continue;
      for (const c of group) {
        const next = c.names[c.level + 1];
        if (next === undefined) continue;
        c.level++;
        c.name = next;
        changed = true;
      }
    }
  }
  const taken = new Set(candidates.map((c) => c.name.toLowerCase()));
  const result = new Map<string, TaskNames>();
  for (const group of groupByName(candidates)) {
    group.forEach((c, i) => {
      if (i === 0) return;
      let n = 2;
      while (taken.has(`${c.name}${n}`.toLowerCase())) n++;
      c.name = `${c.name}${n}`;
      taken.add(c.name.toLowerCase());
    });
  }
  for (const { key, name: p } of candidates) {
    result.set(key, {
      prefix: p,
      runField: `run${p}`,
      submitField: `submit${p}Job`,
      inputType: `${p}Input`,
      resultType: `${p}Result`,
      outputsType: `${p}Outputs`,
      jobType: `${p}Job`,
    });
  }
  return result;
}
