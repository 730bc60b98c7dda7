import { fileURLToPath } from 'node:url';

/**
 * A path under the repository root, for files that are not modules (the built demo). This module sits
 * in gateway/ when run from the sources and in dist/gateway/ when compiled.
 */
export function fromRepoRoot(path: string): string {
  return fileURLToPath(new URL(`${import.meta.url.endsWith('.ts') ? '../' : '../../'}${path}`, import.meta.url));
}
