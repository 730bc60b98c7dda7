import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogParameter, CatalogService, CatalogTask } from '../../../core/catalog.js';
import { diffCatalogs, summary } from '../../../gateway/arcgis/catalog-diff.js';

const URL_A = 'https://h/arcgis/rest/services/A/Svc/GPServer';
const URL_B = 'https://h/arcgis/rest/services/B/Other/GPServer';

const param = (name: string, more: Partial<CatalogParameter> = {}): CatalogParameter => ({
  name,
  dataType: 'GPString',
  displayName: name,
  description: '',
  direction: 'input',
  requirement: 'optional',
  category: '',
  ...more,
});

const task = (name: string, parameters: CatalogParameter[], more: Partial<CatalogTask> = {}): CatalogTask => ({
  name,
  displayName: name,
  description: '',
  category: '',
  helpUrl: '',
  execution: 'synchronous',
  parameters,
  ...more,
});

const service = (url: string, name: string, tasks: CatalogTask[]): CatalogService => ({
  status: 'ok',
  url,
  name,
  description: '',
  execution: 'synchronous',
  tasks,
});

const catalog = (...services: CatalogService[]): Catalog => ({ services });

describe('catalog diff', () => {
  it('should find nothing between equal catalogs, whatever the key order of defaults', () => {
    const a = catalog(service(URL_A, 'A/Svc', [task('T', [param('P', { defaultValue: { distance: 1, units: 'esriMeters' } })])]));
    const b = catalog(service(URL_A, 'A/Svc', [task('T', [param('P', { defaultValue: { units: 'esriMeters', distance: 1 } })])]));
    expect(diffCatalogs(a, b)).toEqual({ changes: [], breaking: false });
    expect(summary(diffCatalogs(a, b))).toEqual([]);
  });

  it('should list services added, removed and changing status', () => {
    const before = catalog(service(URL_A, 'A/Svc', []), service(URL_B, 'B/Other', []));
    const after = catalog(
      { status: 'error', url: URL_A, name: 'A/Svc', error: 'down' },
      service('https://h/arcgis/rest/services/C/New/GPServer', 'C/New', []),
    );
    const diff = diffCatalogs(before, after);
    expect(diff.changes.map((c) => [c.kind, c.service, c.breaking])).toEqual([
      ['service-removed', 'B/Other', true],
      ['service-changed', 'A/Svc', true],
      ['service-added', 'C/New', false],
    ]);
    expect(diffCatalogs(after, before).changes.find((c) => c.kind === 'service-changed')?.breaking).toBe(false);
    expect(summary(diff)).toEqual([
      `[breaking] service removed: B/Other (${URL_B})`,
      '[breaking] service A/Svc: status ok → error',
      'service added: C/New (https://h/arcgis/rest/services/C/New/GPServer)',
    ]);
  });

  it('should list tasks added and removed, and a change of execution mode', () => {
    const before = catalog(service(URL_A, 'A/Svc', [task('Old', []), task('Same', [])]));
    const after = catalog(service(URL_A, 'A/Svc', [task('Same', [], { execution: 'asynchronous' }), task('New', [])]));
    expect(summary(diffCatalogs(before, after))).toEqual([
      '[breaking] task removed: A/Svc/Old',
      '[breaking] task A/Svc/Same: execution synchronous → asynchronous',
      'task added: A/Svc/New',
    ]);
  });

  it('should judge parameter additions and removals', () => {
    const before = catalog(service(URL_A, 'A/Svc', [task('T', [param('Gone'), param('Kept')])]));
    const after = catalog(
      service(URL_A, 'A/Svc', [
        task('T', [
          param('Kept'),
          param('New_Optional'),
          param('New_Required', { requirement: 'required' }),
          param('New_Output', { direction: 'output', requirement: 'derived' }),
        ]),
      ]),
    );
    const diff = diffCatalogs(before, after);
    expect(diff.breaking).toBe(true);
    expect(diff.changes.map((c) => [c.kind, 'parameter' in c ? c.parameter : '', c.breaking])).toEqual([
      ['parameter-removed', 'Gone', true],
      ['parameter-added', 'New_Optional', false],
      ['parameter-added', 'New_Required', true],
      ['parameter-added', 'New_Output', false],
    ]);
  });

  it.each<[string, Partial<CatalogParameter>, Partial<CatalogParameter>, boolean]>([
    ['dataType', { dataType: 'GPLinearUnit' }, { dataType: 'GPDouble' }, true],
    ['direction', { direction: 'input' }, { direction: 'output' }, true],
    ['requirement', { requirement: 'optional' }, { requirement: 'required' }, true],
    ['requirement', { requirement: 'required' }, { requirement: 'optional' }, false],
    ['choiceList', { choiceList: ['A', 'B'] }, { choiceList: ['A'] }, true],
    ['choiceList', { choiceList: ['A'] }, { choiceList: ['A', 'B'] }, false],
    ['choiceList', {}, { choiceList: ['A'] }, true],
    ['defaultValue', { defaultValue: 1 }, { defaultValue: 2 }, false],
    ['defaultValue', {}, { defaultValue: 'x' }, false],
    ['parameterInfos', { parameterInfos: [{ name: 'c', dataType: 'GPString', displayName: 'c' }] }, { parameterInfos: [] }, true],
  ])('should report a %s change %o → %o as breaking=%s', (field, was, now, breaking) => {
    const diff = diffCatalogs(
      catalog(service(URL_A, 'A/Svc', [task('T', [param('2nd Input', was)])])),
      catalog(service(URL_A, 'A/Svc', [task('T', [param('2nd Input', now)])])),
    );
    expect(diff.changes).toEqual([
      expect.objectContaining({ kind: 'parameter-changed', task: 'T', parameter: '2nd Input', field, breaking }),
    ]);
    expect(diff.breaking).toBe(breaking);
  });

  it('should not report a reordered choice list', () => {
    const diff = diffCatalogs(
      catalog(service(URL_A, 'A/Svc', [task('T', [param('P', { choiceList: ['A', 'B'] })])])),
      catalog(service(URL_A, 'A/Svc', [task('T', [param('P', { choiceList: ['B', 'A'] })])])),
    );
    expect(diff.changes).toEqual([]);
  });

  it('should describe parameter changes in one readable line each', () => {
    const diff = diffCatalogs(
      catalog(service(URL_A, 'A/Svc', [task('T', [param('P', { dataType: 'GPLong', choiceList: ['1', '2'] })])])),
      catalog(service(URL_A, 'A/Svc', [task('T', [param('P', { dataType: 'GPDouble', choiceList: ['1'], defaultValue: 1 })])])),
    );
    expect(summary(diff)).toEqual([
      '[breaking] parameter A/Svc/T P: dataType GPLong → GPDouble',
      '[breaking] parameter A/Svc/T P: choiceList ["1","2"] → ["1"]',
      'parameter A/Svc/T P: defaultValue (none) → 1',
    ]);
  });

  it('should treat an alias change as breaking', () => {
    const diff = diffCatalogs(
      catalog({ ...service(URL_A, 'A/Svc', []), alias: 'Old' }),
      catalog({ ...service(URL_A, 'A/Svc', []), alias: 'New' }),
    );
    expect(summary(diff)).toEqual(['[breaking] service A/Svc: alias Old → New']);
  });
});
