import { describe, expect, it } from 'vitest';
import { hillshadeTilesFor } from '../../gateway/http/serve-demo.js';
import { startEmbeddedGateway, startGateway } from '../support/gateway-fixture.js';

describe('/demo', () => {
  it('should proxy the hillshade tiles of the embedded GPServer', async () => {
    const { origin } = await startEmbeddedGateway();
    const tile = await fetch(`${origin}/demo/tiles/11/802/343`);
    expect([tile.status, tile.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect((await tile.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect((await fetch(`${origin}/demo/tiles/1/2/0`)).status).toBe(404);
  });

  it('should answer 404 for paths outside its files, without reading them', async () => {
    const { origin } = await startEmbeddedGateway();
    for (const path of [
      '/demo/assets/..%2F..%2Fpackage.json',
      '/demo/assets/%2e%2e/vite.config.ts',
      '/demo/main.ts',
      '/demo/tiles/1/0/x',
      '/demo/tiles/1/0/0/0',
    ]) {
      expect([path, (await fetch(`${origin}${path}`)).status]).toEqual([path, 404]);
    }
  });

  it('should have no tiles to show when the gateway fronts other GPServers', async () => {
    expect(hillshadeTilesFor([{ kind: 'service', url: 'https://gis.example.com/arcgis/rest/services/Other/GPServer' }])).toBeUndefined();
    expect(
      hillshadeTilesFor([{ kind: 'service', url: 'http://127.0.0.1:6080/arcgis/rest/services/WorldViewshed/GPServer', alias: 'World' }]),
    ).toBe('http://127.0.0.1:6080/arcgis/rest/services/Elevation/Hillshade/MapServer/tile');
    const { origin } = await startGateway({ sources: [] });
    expect((await fetch(`${origin}/demo/tiles/0/0/0`)).status).toBe(404);
  });
});
