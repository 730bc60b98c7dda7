/**
 * Walks a services directory (`…/rest/services?f=json`, then each folder) and lists its GP services
 * (https://developers.arcgis.com/rest/services-reference/enterprise/catalog.htm). ArcGIS folders do not
 * nest, but the walk tolerates servers that list sub-folders, and never visits one twice.
 */
import type { CatalogService } from '../../core/catalog.js';
import { serviceUrlInRoot } from './service-spec.js';
import { validateDirectory } from './validate/validate-directory.js';

export interface DiscoveredService {
  readonly url: string;
  readonly name: string;
}

export interface CrawlResult {
  readonly services: readonly DiscoveredService[];
  /** Folders that could not be listed, as error entries named after the folder. */
  readonly failures: readonly CatalogService[];
}

/** What the crawler needs: a GET that already goes through the loader's concurrency limit. */
export type GetJson = (url: string) => Promise<unknown>;

const GP_SERVER = 'gpserver';

function folderUrl(rootUrl: string, folder: string): string {
  return `${rootUrl}/${folder.split('/').map(encodeURIComponent).join('/')}`;
}

/** Throws when the root itself cannot be listed; a folder that fails is reported, the rest still load. */
export async function crawlServicesRoot(rootUrl: string, get: GetJson, describeError: (error: unknown) => string): Promise<CrawlResult> {
  const services: DiscoveredService[] = [];
  const failures: CatalogService[] = [];
  const visited = new Set<string>();

  const collect = (listing: ReturnType<typeof validateDirectory>): string[] => {
    for (const s of listing.services) {
      if (s.type.toLowerCase() !== GP_SERVER) continue;
      services.push({ url: serviceUrlInRoot(rootUrl, s.name, 'GPServer'), name: s.name });
    }
    return listing.folders.filter((f) => !visited.has(f));
  };

  const visit = async (folder: string): Promise<void> => {
    visited.add(folder);
    const url = folderUrl(rootUrl, folder);
    let next: string[];
    try {
      next = collect(validateDirectory(await get(url), url));
    } catch (error) {
      failures.push({ status: 'error', url, name: folder, error: describeError(error) });
      return;
    }
    // Sub-folder names may come qualified ('A/B') or bare ('B'); both are resolved against the root.
    const qualified = next.map((f) => (f.startsWith(`${folder}/`) ? f : `${folder}/${f}`));
    await Promise.all(qualified.filter((f) => !visited.has(f)).map(visit));
  };

  const root = validateDirectory(await get(rootUrl), rootUrl);
  const folders = collect(root);
  await Promise.all(folders.map(visit));
  return { services, failures };
}
