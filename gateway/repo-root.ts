import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A path under the repository root, for files that are not modules (the built demo). This module sits
 * in gateway/ when run from the sources and in dist/gateway/ when compiled.
 */
export function fromRepoRoot(path: string): string {
  return fileURLToPath(new URL(`${import.meta.url.endsWith('.ts') ? '../' : '../../'}${path}`, import.meta.url));
}

/** The package's version (package.json), as spans and logs name it. */
export function packageVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(fromRepoRoot('package.json'), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : 'unknown';
}
