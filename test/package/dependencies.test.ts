import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fromRepoRoot } from '../../gateway/repo-root.js';

const run = promisify(execFile);

interface Manifest {
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

const manifest = async (): Promise<Manifest> => JSON.parse(await readFile(fromRepoRoot('package.json'), 'utf8')) as Manifest;

/** Every installed copy of `name` under node_modules, nested ones included, by version. */
async function installedCopies(name: string): Promise<string[]> {
  const versions: string[] = [];
  const visit = async (modules: string): Promise<void> => {
    let entries: string[];
    try {
      entries = await readdir(modules);
    } catch {
      return;
    }
    for (const entry of entries) {
      const packages = entry.startsWith('@') ? (await readdir(join(modules, entry))).map((inner) => `${entry}/${inner}`) : [entry];
      for (const pkg of packages) {
        const dir = join(modules, pkg);
        if (pkg === name) versions.push((JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { version: string }).version);
        await visit(join(dir, 'node_modules'));
      }
    }
  };
  await visit(fromRepoRoot('node_modules'));
  return versions;
}

describe('dependencies', () => {
  it('should install one copy of @graphql-tools/utils, the one Yoga’s executor uses', async () => {
    expect(await installedCopies('@graphql-tools/utils')).toEqual([(await manifest()).dependencies?.['@graphql-tools/utils']]);
  });

  it('should keep leaflet (bundled into the demo) and pino-pretty (terminals only) out of what a deployment must install', async () => {
    const { dependencies = {}, devDependencies = {}, optionalDependencies = {} } = await manifest();
    expect(dependencies).not.toHaveProperty('leaflet');
    expect(devDependencies).toHaveProperty('leaflet');
    expect(dependencies).not.toHaveProperty('pino-pretty');
    expect(optionalDependencies).toHaveProperty('pino-pretty');
  });

  it('should not load pino-pretty for JSON logs, and load it for pretty ones', async () => {
    const probe = (format: string): string =>
      [
        `const { createLogger } = await import('./gateway/log/pino-logger.ts');`,
        `const { createRequire } = await import('node:module');`,
        `createLogger('info', () => undefined, '${format}').info('hello');`,
        `const cache = createRequire(import.meta.url).cache;`,
        `console.log(Object.keys(cache).some((file) => file.includes('/node_modules/pino-pretty/')));`,
      ].join('\n');
    const loaded = async (format: string): Promise<string> =>
      (
        await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe(format)], { cwd: fromRepoRoot('.') })
      ).stdout.trim();
    expect(await loaded('json')).toBe('false');
    expect(await loaded('pretty')).toBe('true');
  });
});
