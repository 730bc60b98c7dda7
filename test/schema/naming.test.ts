import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogService } from '../../core/catalog.js';
import { enumValueName, enumValues, fieldName, taskKey, taskNames, typePrefix, uniqueFieldNames } from '../../schema/naming.js';

const SHARED = ['FeatureSet', 'FeatureSetInput', 'GPJob', 'GPOptions', 'Query', 'Mutation', 'Subscription', 'JSON', 'Long', 'DateTime'];
const ROOT = 'https://host/arcgis/rest/services';

function service(name: string, tasks: string[], extra: { alias?: string; host?: string } = {}): CatalogService {
  return {
    status: 'ok',
    url: `${extra.host ?? ROOT}/${name}/GPServer`,
    name,
    ...(extra.alias === undefined ? {} : { alias: extra.alias }),
    description: '',
    execution: 'synchronous',
    tasks: tasks.map((t) => ({
      name: t,
      displayName: t,
      description: '',
      category: '',
      helpUrl: '',
      execution: 'synchronous',
      parameters: [],
    })),
  };
}

/** Task name → prefix, for catalogs whose task names are unique across services. */
function prefixes(services: CatalogService[]): Record<string, string> {
  const names = taskNames({ services }, SHARED);
  const result: Record<string, string> = {};
  for (const s of services) {
    if (s.status !== 'ok') continue;
    for (const t of s.tasks) result[`${s.name}:${t.name}`] = names.get(taskKey(s.url, t.name))?.prefix ?? 'MISSING';
  }
  return result;
}

describe('typePrefix', () => {
  it.each([
    ['Viewshed', 'Viewshed'],
    ['viewshed', 'Viewshed'],
    ['buffer_points', 'BufferPoints'],
    ['CalculateDensity', 'CalculateDensity'],
    ['3D_Analyst', 'Task3DAnalyst'],
    ['Extract Data Task', 'ExtractDataTask'],
    ['clip-and-ship.v2', 'ClipAndShipV2'],
    ['ESRI_Elevation_World', 'EsriElevationWorld'],
    ['XYToLine', 'XYToLine'],
    ['Höhe_Straße', 'HoheStrasse'],
    ['Ærø', 'Aero'],
    ['视域分析', 'Task'],
    ['视域_Viewshed', 'Viewshed'],
    ['', 'Task'],
    ['___', 'Task'],
  ])('%j → %s', (name, expected) => {
    expect(typePrefix(name)).toBe(expected);
  });
});

describe('fieldName', () => {
  it.each([
    ['Input_Observation_Point', 'inputObservationPoint'],
    ['Viewshed_Distance', 'viewshedDistance'],
    ['2nd_Input', '_2ndInput'],
    ['Input Features', 'inputFeatures'],
    ['in-feature', 'inFeature'],
    ['InputFeatures', 'inputFeatures'],
    ['XYToLine', 'xyToLine'],
    ['OBJECTID', 'objectid'],
    ['DEM_File', 'demFile'],
    ['__typename', 'typename'],
    ['_private', 'private'],
    ['Ausgabe_Größe', 'ausgabeGrosse'],
    ['', '_'],
    ['数据', '_'],
  ])('%j → %s', (name, expected) => {
    const field = fieldName(name);
    expect(field).toBe(expected);
    expect(field).toMatch(/^[_A-Za-z][_0-9A-Za-z]*$/);
    expect(field.startsWith('__')).toBe(false);
  });
});

describe('enumValueName', () => {
  it.each([
    ['NONE', 'NONE'],
    ['ALL', 'ALL'],
    ['10 Meters', '_10_METERS'],
    ['a-b', 'A_B'],
    ['Dissolve_All', 'DISSOLVE_ALL'],
    ['esriMeters', 'ESRI_METERS'],
    ['XYZData', 'XYZ_DATA'],
    ['true', 'TRUE_'],
    ['False', 'FALSE_'],
    ['NULL', 'NULL_'],
    ['', '_EMPTY'],
    ['  ', '_EMPTY'],
    ['Élévation', 'ELEVATION'],
  ])('%j → %s', (choice, expected) => {
    expect(enumValueName(choice)).toBe(expected);
  });
});

describe('enumValues', () => {
  it('should suffix colliding names in choice order and keep the choices as values', () => {
    expect(enumValues(['A B', 'a-b', 'A_B', 'C'])).toEqual([
      { name: 'A_B', value: 'A B' },
      { name: 'A_B_2', value: 'a-b' },
      { name: 'A_B_3', value: 'A_B' },
      { name: 'C', value: 'C' },
    ]);
  });

  it('should not take a name that a later choice has literally', () => {
    expect(enumValues(['A B', 'A-B', 'A_B_2']).map((v) => v.name)).toEqual(['A_B', 'A_B_3', 'A_B_2']);
  });

  it('should list a repeated choice once', () => {
    expect(enumValues(['NONE', 'ALL', 'NONE'])).toEqual([
      { name: 'NONE', value: 'NONE' },
      { name: 'ALL', value: 'ALL' },
    ]);
  });
});

describe('uniqueFieldNames', () => {
  it.each<[string[], string[], string[]]>([
    [['Input_Point', 'InputPoint'], [], ['inputPoint', 'inputPoint2']],
    [['Input_Point', 'Distance', 'InputPoint', 'input point'], [], ['inputPoint', 'distance', 'inputPoint2', 'inputPoint3']],
    [['Messages', 'Status'], ['messages'], ['messages2', 'status']],
    [['a', 'A', 'a2'], [], ['a', 'a3', 'a2']],
    [[], ['messages'], []],
  ])('%j (reserved %j) → %j', (names, reserved, expected) => {
    expect(uniqueFieldNames(names, reserved)).toEqual(expected);
  });
});

describe('taskNames', () => {
  it('should derive every name from the prefix', () => {
    const services = [service('Elevation/ESRI_Elevation_World', ['Viewshed'])];
    const names = taskNames({ services }, SHARED);
    expect(names.get(taskKey(`${ROOT}/Elevation/ESRI_Elevation_World/GPServer`, 'Viewshed'))).toEqual({
      prefix: 'Viewshed',
      runField: 'runViewshed',
      submitField: 'submitViewshedJob',
      inputType: 'ViewshedInput',
      resultType: 'ViewshedResult',
      outputsType: 'ViewshedOutputs',
      jobType: 'ViewshedJob',
    });
  });

  it.each<[string, CatalogService[], Record<string, string>]>([
    [
      'unique prefixes stay bare',
      [service('GPFolder/BufferService', ['Buffer']), service('Analysis/ElevationStatistics', ['ElevationStatistics'])],
      { 'GPFolder/BufferService:Buffer': 'Buffer', 'Analysis/ElevationStatistics:ElevationStatistics': 'ElevationStatistics' },
    ],
    [
      'a shared prefix (case-insensitively) is qualified on every task by the last service segment',
      [
        service('Elevation/ESRI_Elevation_World', ['Viewshed']),
        service('Elevation/WorldViewshed', ['viewshed']),
        service('GPFolder/BufferService', ['Buffer']),
      ],
      {
        'Elevation/ESRI_Elevation_World:Viewshed': 'EsriElevationWorldViewshed',
        'Elevation/WorldViewshed:viewshed': 'WorldViewshedViewshed',
        'GPFolder/BufferService:Buffer': 'Buffer',
      },
    ],
    [
      'a shared last segment falls back to the whole service name',
      [service('Elevation/Terrain', ['Viewshed']), service('Other/Terrain', ['Viewshed'])],
      { 'Elevation/Terrain:Viewshed': 'ElevationTerrainViewshed', 'Other/Terrain:Viewshed': 'OtherTerrainViewshed' },
    ],
    [
      'an alias always prefixes its tasks, and an aliased name is not qualified',
      [service('Elevation/ESRI_Elevation_World', ['Viewshed'], { alias: 'elev' }), service('Elevation/WorldViewshed', ['viewshed'])],
      { 'Elevation/ESRI_Elevation_World:Viewshed': 'ElevViewshed', 'Elevation/WorldViewshed:viewshed': 'Viewshed' },
    ],
    [
      'an unaliased task named like an aliased one is qualified',
      [service('A/Tools', ['Viewshed'], { alias: 'elev' }), service('B/Other', ['Elev_Viewshed'])],
      { 'A/Tools:Viewshed': 'ElevViewshed', 'B/Other:Elev_Viewshed': 'OtherElevViewshed' },
    ],
    [
      'a task named like a shared type gets a Task suffix',
      [service('A/Tools', ['FeatureSet', 'GP', 'Query', 'Long_'])],
      { 'A/Tools:FeatureSet': 'FeatureSetTask', 'A/Tools:GP': 'GpTask', 'A/Tools:Query': 'QueryTask', 'A/Tools:Long_': 'LongTask' },
    ],
    [
      'tasks of one service colliding get numeric suffixes in task-name order',
      [service('A/Tools', ['Buffer_Points', 'BufferPoints'])],
      { 'A/Tools:BufferPoints': 'BufferPoints', 'A/Tools:Buffer_Points': 'BufferPoints2' },
    ],
    [
      'a qualified name that meets a bare one qualifies that one too',
      [service('A/Terrain', ['Viewshed']), service('B/Terrain2', ['Viewshed']), service('C/Misc', ['TerrainViewshed'])],
      {
        'A/Terrain:Viewshed': 'ATerrainViewshed',
        'B/Terrain2:Viewshed': 'Terrain2Viewshed',
        'C/Misc:TerrainViewshed': 'MiscTerrainViewshed',
      },
    ],
  ])('%s', (_title, services, expected) => {
    expect(prefixes(services)).toEqual(expected);
  });

  it('should number services that even their whole names cannot tell apart, in URL order', () => {
    const services = [
      service('Elevation/Terrain', ['Viewshed'], { host: 'https://b.example/arcgis/rest/services' }),
      service('Elevation/Terrain', ['Viewshed'], { host: 'https://a.example/arcgis/rest/services' }),
    ];
    const names = taskNames({ services }, SHARED);
    expect(names.get(taskKey('https://a.example/arcgis/rest/services/Elevation/Terrain/GPServer', 'Viewshed'))?.prefix).toBe(
      'ElevationTerrainViewshed',
    );
    expect(names.get(taskKey('https://b.example/arcgis/rest/services/Elevation/Terrain/GPServer', 'Viewshed'))?.prefix).toBe(
      'ElevationTerrainViewshed2',
    );
  });

  it('should give the same names whatever the order of services', () => {
    const services = [
      service('Elevation/ESRI_Elevation_World', ['Viewshed']),
      service('Elevation/WorldViewshed', ['viewshed']),
      service('Elevation/Terrain', ['Viewshed', 'Profile']),
      service('Other/Terrain', ['Viewshed', 'profile']),
      service('GPFolder/BufferService', ['Buffer', 'FeatureSet'], { alias: 'buf' }),
    ];
    const expected = [...taskNames({ services }, SHARED)];
    for (const order of [[...services].reverse(), [services[2], services[0], services[4], services[1], services[3]]]) {
      expect([...taskNames({ services: order.filter((s) => s !== undefined) }, SHARED)]).toEqual(expected);
    }
  });

  it('should skip services that failed introspection and keep prefixes unique case-insensitively', () => {
    const catalog: Catalog = {
      services: [
        { status: 'error', url: `${ROOT}/Down/Service/GPServer`, name: 'Down/Service', error: 'connection refused' },
        service('A/One', ['Viewshed', 'Buffer', 'buffer_']),
        service('B/Two', ['viewshed', 'BUFFER']),
        service('C/Three', ['ViewShed'], { alias: 'c' }),
      ],
    };
    const names = [...taskNames(catalog, SHARED).values()].map((n) => n.prefix);
    expect(names).toHaveLength(6);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(6);
    for (const n of names) expect(n).toMatch(/^[A-Z][_0-9A-Za-z]*$/);
  });
});
