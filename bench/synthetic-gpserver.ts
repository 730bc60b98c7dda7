import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const TASKS_PER_SERVICE = 50;

function parameter(
  name: string,
  dataType: string,
  direction: 'Input' | 'Output',
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name,
    dataType,
    displayName: name.replace(/_/g, ' '),
    description: `The ${name} parameter.`,
    direction: `esriGPParameterDirection${direction}`,
    parameterType: direction === 'Output' ? 'esriGPParameterTypeDerived' : 'esriGPParameterTypeOptional',
    defaultValue: null,
    category: '',
    ...extra,
  };
}

/** A realistic task: eight parameters of the common kinds, a choice list among them. */
function task(name: string): Record<string, unknown> {
  return {
    name,
    displayName: name,
    description: `Synthetic task ${name}.`,
    category: 'Bench',
    helpUrl: '',
    executionType: 'esriExecutionTypeSynchronous',
    parameters: [
      parameter('Input_Features', 'GPFeatureRecordSetLayer', 'Input', { parameterType: 'esriGPParameterTypeRequired' }),
      parameter('Distance', 'GPLinearUnit', 'Input', { defaultValue: { distance: 100, units: 'esriMeters' } }),
      parameter('Method', 'GPString', 'Input', { choiceList: ['PLANAR', 'GEODESIC'], defaultValue: 'PLANAR' }),
      parameter('Count', 'GPLong', 'Input', { defaultValue: 10 }),
      parameter('Weight', 'GPDouble', 'Input'),
      parameter('Names', 'GPMultiValue:GPString', 'Input'),
      parameter('Output_Features', 'GPFeatureRecordSetLayer', 'Output'),
      parameter('Summary', 'GPString', 'Output'),
    ],
  };
}

/** A services directory of `taskCount` synchronous tasks, 50 per service, generated on request. */
export async function startSyntheticGpServer(taskCount: number): Promise<{ servicesUrl: string; close: () => Promise<void> }> {
  const services = Math.ceil(taskCount / TASKS_PER_SERVICE);
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/arcgis\/rest\/services\/?/, '');
    const parts = path.split('/').filter((p) => p !== '');
    let body: unknown;
    if (parts.length === 0)
      body = {
        currentVersion: 11.3,
        folders: [],
        services: Array.from({ length: services }, (_, i) => ({ name: `S${i}`, type: 'GPServer' })),
      };
    else if (parts.length === 2) {
      const index = Number(parts[0]?.slice(1));
      const count = Math.min(TASKS_PER_SERVICE, taskCount - index * TASKS_PER_SERVICE);
      body = {
        currentVersion: 11.3,
        serviceDescription: '',
        executionType: 'esriExecutionTypeSynchronous',
        tasks: Array.from({ length: count }, (_, i) => `Task${index}_${i}`),
      };
    } else body = task(parts[2] ?? 'Task');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    servicesUrl: `http://127.0.0.1:${port}/arcgis/rest/services`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
