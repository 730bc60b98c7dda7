/**
 * Introspects the configured GP services into a Catalog: `GPServer?f=json`, then each
 * `GPServer/<task>?f=json` (https://developers.arcgis.com/rest/services-reference/enterprise/gp-service.htm,
 * https://developers.arcgis.com/rest/services-reference/enterprise/gp-task.htm). A service that
 * cannot be introspected becomes an error entry; loading never throws, the caller decides.
 */
import type { Catalog, CatalogService, CatalogTask } from '../../core/catalog.js';
import { createLimiter } from './concurrency.js';
import type { RestClient } from './rest-client.js';
import { redactTokens } from './safe-url.js';
import { crawlServicesRoot, type DiscoveredService } from './services-root-crawler.js';
import { assertAlias, isGpServerUrl, normaliseUrl, parseServiceSpec, serviceNameFromUrl } from './service-spec.js';
import { invalid, rootAt } from './validate/json-reader.js';
import { validateService } from './validate/validate-service.js';
import { validateTask } from './validate/validate-task.js';

export type ServiceSource =
  { readonly kind: 'service'; readonly url: string; readonly alias?: string } | { readonly kind: 'services-root'; readonly url: string };

/** `console` fits. */
export interface CatalogLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface CatalogLoaderDeps {
  readonly client: Pick<RestClient, 'getJson'>;
  /** Upstream requests in flight at once, across every service. */
  readonly concurrency: number;
  readonly log?: CatalogLog;
}

interface Target extends DiscoveredService {
  readonly alias?: string;
}

function describeError(error: unknown): string {
  return redactTokens(error instanceof Error ? error.message : String(error));
}

function errorEntry(target: Target, error: unknown): CatalogService {
  return {
    status: 'error',
    url: target.url,
    name: target.name,
    ...(target.alias === undefined ? {} : { alias: target.alias }),
    error: describeError(error),
  };
}

function nameOf(url: string): string {
  try {
    return serviceNameFromUrl(url);
  } catch {
    return url;
  }
}

/** The explicit source as a target; throws (becoming an error entry) on a bad URL or alias. */
function explicitTarget(source: ServiceSource & { kind: 'service' }): Target {
  const spec = parseServiceSpec(source.url);
  const alias = source.alias ?? spec.alias;
  if (source.alias !== undefined) assertAlias(source.alias, spec.url);
  if (!isGpServerUrl(spec.url)) throw new Error(`${spec.url} is not a GPServer URL (…/rest/services/<folder>/<name>/GPServer)`);
  return { url: spec.url, name: serviceNameFromUrl(spec.url), ...(alias === undefined ? {} : { alias }) };
}

export async function loadCatalog(sources: readonly ServiceSource[], deps: CatalogLoaderDeps): Promise<Catalog> {
  const limit = createLimiter(deps.concurrency);
  const get = (url: string): Promise<unknown> => limit(() => deps.client.getJson(url));
  const explicit = new Map<string, Target>();
  const discovered = new Map<string, Target>();
  const failed: CatalogService[] = [];

  await Promise.all(
    sources.map(async (source) => {
      if (source.kind === 'service') {
        try {
          const target = explicitTarget(source);
          explicit.set(target.url, target);
        } catch (error) {
          const url = source.url.replace(/[?#].*$/s, '');
          failed.push(errorEntry({ url, name: nameOf(url) }, error));
        }
        return;
      }
      let rootUrl = source.url.replace(/[?#].*$/s, '');
      try {
        rootUrl = normaliseUrl(source.url);
        const crawl = await crawlServicesRoot(rootUrl, get, describeError);
        for (const s of crawl.services) discovered.set(s.url, s);
        failed.push(...crawl.failures);
      } catch (error) {
        failed.push(errorEntry({ url: rootUrl, name: rootUrl }, error));
      }
    }),
  );

  // A service both configured and discovered keeps its configured alias.
  const targets = new Map([...discovered, ...explicit]);
  const loaded = await Promise.all(
    [...targets.values()].map(async (target) => {
      try {
        return await loadService(target, get);
      } catch (error) {
        return errorEntry(target, error);
      }
    }),
  );
  const services = [...loaded, ...failed].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  for (const s of services) {
    if (s.status === 'error') deps.log?.warn(`GP service ${s.name} (${s.url}) could not be introspected: ${s.error}`);
  }
  const ok = services.filter((s) => s.status === 'ok');
  const taskCount = ok.reduce((n, s) => n + s.tasks.length, 0);
  deps.log?.info(`Loaded ${ok.length} of ${services.length} GP services (${taskCount} tasks)`);
  return { services };
}

async function loadService(target: Target, get: (url: string) => Promise<unknown>): Promise<CatalogService> {
  const service = validateService(await get(target.url), target.url);
  const tasks: CatalogTask[] = await Promise.all(
    service.taskNames.map(async (name) => {
      const url = `${target.url}/${encodeURIComponent(name)}`;
      return validateTask(await get(url), {
        url,
        listedName: name,
        ...(service.execution ? { serviceExecution: service.execution } : {}),
      });
    }),
  );
  const execution = service.execution ?? tasks[0]?.execution;
  if (execution === undefined)
    throw invalid({ ...rootAt(target.url, 'GPServer'), path: '$.executionType' }, 'an execution type', undefined);
  return {
    status: 'ok',
    url: target.url,
    name: target.name,
    ...(target.alias === undefined ? {} : { alias: target.alias }),
    description: service.description,
    execution,
    ...(service.currentVersion === undefined ? {} : { currentVersion: service.currentVersion }),
    ...(service.maximumRecords === undefined ? {} : { maximumRecords: service.maximumRecords }),
    ...(service.resultMapServerName === undefined ? {} : { resultMapServerName: service.resultMapServerName }),
    tasks,
  };
}
