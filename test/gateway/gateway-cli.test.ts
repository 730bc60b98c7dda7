import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayCli } from '../../gateway/cli/gateway-cli.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gateway-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('gateway command line', () => {
  it('should default to port 4000 on 127.0.0.1 with no sources (the embedded GPServer)', async () => {
    expect(await parseGatewayCli([], {})).toMatchObject({ port: 4000, host: '127.0.0.1', sources: [], logLevel: 'info', help: false });
  });

  it('should add up sources from flags, GP_SERVICES and a config file, services before roots', async () => {
    const config = join(dir, 'gateway.json');
    await writeFile(
      config,
      JSON.stringify({
        services: [{ url: 'https://c/arcgis/rest/services/C/GPServer', alias: 'cee' }, 'https://d/arcgis/rest/services/D/GPServer'],
        servicesRoots: ['https://e/arcgis/rest/services'],
      }),
    );
    const cli = await parseGatewayCli(
      [
        '--service',
        'https://a/arcgis/rest/services/A/GPServer#ay',
        '--services-root',
        'https://r/arcgis/rest/services',
        '--config',
        config,
        '--refresh',
        '300',
        '--port',
        '4100',
      ],
      { GP_SERVICES: 'https://b/arcgis/rest/services/B/GPServer, ' },
    );
    expect(cli.sources).toEqual([
      { kind: 'service', url: 'https://a/arcgis/rest/services/A/GPServer#ay' },
      { kind: 'service', url: 'https://b/arcgis/rest/services/B/GPServer' },
      { kind: 'service', url: 'https://c/arcgis/rest/services/C/GPServer', alias: 'cee' },
      { kind: 'service', url: 'https://d/arcgis/rest/services/D/GPServer' },
      { kind: 'services-root', url: 'https://r/arcgis/rest/services' },
      { kind: 'services-root', url: 'https://e/arcgis/rest/services' },
    ]);
    expect(cli).toMatchObject({ port: 4100, refreshSeconds: 300 });
  });

  it('should take PORT from the environment', async () => {
    expect((await parseGatewayCli([], { PORT: '4321' })).port).toBe(4321);
  });

  it.each([
    [['--port=-1'], /flag --port: port: Too small/],
    [['--log-level', 'loud'], /flag --log-level: logLevel: Invalid option: expected one of "debug"\|"info"/],
    [['--config', '/nonexistent/gateway.json'], /Cannot read the config file/],
    [['--what'], /Unknown option/],
  ])('should reject %j', async (argv, message) => {
    await expect(parseGatewayCli(argv, {})).rejects.toThrow(message);
  });
});
