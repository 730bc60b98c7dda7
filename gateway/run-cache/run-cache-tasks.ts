import type { Catalog } from '../../core/catalog.js';
import type { RunCacheService } from '../../resolvers/run-cache-service.js';

/** The names a task answers to in `runCache.tasks`: `<service name>/<task>` and, with an alias, `<alias>/<task>`. */
export function taskNamesOf(service: RunCacheService, taskName: string): string[] {
  return [`${service.name}/${taskName}`, ...(service.alias === undefined ? [] : [`${service.alias}/${taskName}`])];
}

/**
 * Configured names the catalog cannot honour: no such task (a typo, or a service not introspected yet:
 * the name takes effect once a refresh brings it), or an asynchronous task (only `execute` is cached).
 */
export function runCacheNameProblems(names: readonly string[], catalog: Catalog): string[] {
  const synchronous = new Set<string>();
  const asynchronous = new Set<string>();
  for (const service of catalog.services) {
    if (service.status !== 'ok') continue;
    for (const task of service.tasks) {
      for (const name of taskNamesOf(service, task.name)) (task.execution === 'synchronous' ? synchronous : asynchronous).add(name);
    }
  }
  return names.flatMap((name) => {
    if (synchronous.has(name)) return [];
    if (asynchronous.has(name)) return [`"${name}" is an asynchronous task: only runs of synchronous tasks are cached`];
    return [`"${name}" names no task of the catalog (<service name or alias>/<task>): cached once a refresh finds it`];
  });
}
