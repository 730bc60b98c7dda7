import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir = '';

/** A project of a user's own, with the package installed as npm would link it: plain Node, no tsx. */
beforeAll(async () => {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  dir = await mkdtemp(join(tmpdir(), 'gateway-user-'));
  await mkdir(join(dir, 'node_modules'));
  await symlink(ROOT, join(dir, 'node_modules', 'gp-graphql-gateway'), 'dir');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CONSUMER = `
import { createGateway } from 'gp-graphql-gateway';
import { createGpServer } from 'gp-graphql-gateway/gpserver';
const upstream = await createGpServer();
const gateway = await createGateway({ sources: [{ kind: 'service', url: upstream.servicesUrl + '/GPFolder/BufferService/GPServer' }] });
const query = 'mutation { runBuffer(input: { inputFeatures: { geoJson: { type: "Point", coordinates: [10, 50] } }, distance: { distance: 1, units: KILOMETERS } }) { messages { type } } }';
const response = await gateway.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
process.stdout.write(JSON.stringify(await response.json()));
await gateway.dispose();
await upstream.close();
`;

describe('the built package', () => {
  it('should run from plain JavaScript in another folder: the gateway, its embedded GPServer and a tool on a worker thread', async () => {
    await writeFile(join(dir, 'consumer.mjs'), CONSUMER);
    const run = spawnSync(process.execPath, ['consumer.mjs'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ data: { runBuffer: { messages: expect.arrayContaining([{ type: 'INFORMATIVE' }]) } } });
  }, 60_000);

  it('should give TypeScript users its types through the exports map', async () => {
    await writeFile(
      join(dir, 'consumer.ts'),
      `import { createGateway, type GatewayOptions } from 'gp-graphql-gateway';\nimport { createGpServer } from 'gp-graphql-gateway/gpserver';\nconst options: GatewayOptions = { sources: [] };\nexport const started: Promise<unknown> = Promise.all([createGateway(options), createGpServer({ port: 0 })]);\n// @ts-expect-error a source must say its kind\nexport const wrong: GatewayOptions = { sources: [{ url: 'x' }] };\n`,
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const check = spawnSync(
      process.execPath,
      [
        tsc,
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2023',
        '--skipLibCheck',
        '--types',
        'node',
        '--typeRoots',
        join(ROOT, 'node_modules', '@types'),
        'consumer.ts',
      ],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  }, 60_000);

  it('should declare every package its public types import (skipLibCheck would hide a missing one)', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const seen = new Set<string>();
    const imported = new Set<string>();
    const visit = async (file: string): Promise<void> => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = await readFile(file, 'utf8');
      for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(["']([^"']+)["']\)/g)) {
        const spec = match[1] ?? match[2] ?? '';
        if (spec.startsWith('.')) await visit(resolve(dirname(file), spec.replace(/\.js$/, '.d.ts')));
        else if (!spec.startsWith('node:'))
          imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec));
      }
    };
    await visit(join(ROOT, 'dist', 'gateway', 'index.d.ts'));
    await visit(join(ROOT, 'dist', 'gpserver', 'index.d.ts'));
    expect(seen.size).toBeGreaterThan(10);
    expect([...imported].filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });
});
