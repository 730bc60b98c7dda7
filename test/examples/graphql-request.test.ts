/**
 * examples/graphql-request.ts against the embedded GPServer, and the generated artefacts it relies
 * on kept current: `examples/schema.graphql` is what `npm run --silent sdl` prints for the embedded
 * services, and `examples/gql/` what `codegen.ts` generates from it (regenerate both with the commands
 * in README › Typed clients when this test fails).
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';
import { runGraphqlRequestExample } from '../../examples/graphql-request.js';
import { runToExit } from '../support/child-process.js';
import { startEmbeddedGateway } from '../support/gateway-fixture.js';

describe('examples/graphql-request.ts', () => {
  it('buffers two points into one polygon with typed documents', async () => {
    const { graphqlUrl } = await startEmbeddedGateway();
    const lines: string[] = [];
    expect(await runGraphqlRequestExample(graphqlUrl, (line) => lines.push(line))).toBe(1);
    expect(lines[0]).toBe('buffered into 1 polygon(s), wkid 4326');
  });

  it('has a current schema.graphql and a current generated gql/', async () => {
    const sdl = await runToExit('gateway/sdl.ts', []);
    expect(sdl.code).toBe(0);
    expect(sdl.stdout).toBe(await readFile('examples/schema.graphql', 'utf8'));
    const dir = await mkdtemp(join(tmpdir(), 'gpgw-codegen-'));
    try {
      const target = `${dir}/gql/`;
      const { 'examples/gql/': output } = config.generates as Record<string, object>;
      await generate({ ...config, generates: { [target]: output ?? {} }, silent: true }, true);
      for (const file of await readdir('examples/gql')) {
        expect(await readFile(join(target, file), 'utf8'), file).toBe(await readFile(join('examples/gql', file), 'utf8'));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
