import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceDefinition } from '../model/service.js';

/** Where a run writes its files, and the URL path they are served under. */
export interface OutputDirectory {
  /** Absolute path on this machine; tools create it when they write their first file. */
  readonly path: string;
  /** e.g. `/arcgis/rest/directories/arcgisjobs/worldviewshed_gpserver/j12…/scratch` */
  readonly urlPath: string;
  /** Its path below the directories root, as registered. */
  readonly key: string;
}

const DIRECTORIES_URL = '/arcgis/rest/directories';

interface Registered {
  readonly owner: string | undefined;
}

/** Path segments of a folder-qualified service as ArcGIS lays them out, e.g. `Analysis/zonalstatistics_gpserver`. */
function serviceSegments(service: ServiceDefinition, suffix: string): string[] {
  return [...(service.folder === '' ? [] : [service.folder]), `${service.name}${suffix}`];
}

/**
 * The server's directories, as ArcGIS Server lays them out under `rest/directories`: `arcgisjobs`
 * (a job's `scratch` folder, files of asynchronous results), `arcgisoutput` (files of synchronous
 * results) and `arcgisuploads` (uploaded items). One temporary root per server, removed on close;
 * each output folder is registered with the user who may read it and removed with its run.
 */
export class ServerDirectories {
  readonly root = mkdtempSync(join(tmpdir(), 'gpserver-'));
  private readonly folders = new Map<string, Registered>();

  /** The `scratch` folder of a job (…/arcgisjobs/<folder>/<service>_gpserver/<jobId>/scratch). */
  forJob(service: ServiceDefinition, jobId: string, owner: string | undefined): OutputDirectory {
    return this.keep(
      this.directory(['arcgisjobs', ...serviceSegments(service, '_gpserver').map((s) => s.toLowerCase()), jobId, 'scratch']),
      owner,
    );
  }

  /**
   * The output folder of one synchronous execute (…/arcgisoutput/<folder>/<service>_GPServer/_ags_<id>),
   * served once kept: only runs of tasks with file outputs keep theirs.
   */
  forExecute(service: ServiceDefinition): OutputDirectory {
    return this.directory(['arcgisoutput', ...serviceSegments(service, '_GPServer'), `_ags_${randomUUID().replaceAll('-', '')}`]);
  }

  /** Serves the folder's files to `owner` (anyone when undefined) until it is removed. */
  keep(directory: OutputDirectory, owner: string | undefined): OutputDirectory {
    this.folders.set(directory.key, { owner });
    return directory;
  }

  /** Where uploaded items are kept. */
  uploadsPath(): string {
    return join(this.root, 'arcgisuploads');
  }

  /**
   * The file a `rest/directories/…` path names, if it lies in a registered folder the user may read.
   * Segments arrive decoded; none may climb or hide a separator.
   */
  resolve(segments: readonly string[], username: string | undefined): { path: string } | 'forbidden' | undefined {
    if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('/') || s.includes('\\') || s.includes('\0')))
      return undefined;
    for (let end = segments.length - 1; end > 0; end--) {
      const folder = this.folders.get(segments.slice(0, end).join('/'));
      if (!folder) continue;
      if (folder.owner !== undefined && folder.owner !== username) return 'forbidden';
      return { path: join(this.root, ...segments) };
    }
    return undefined;
  }

  /** Forgets a folder and deletes what is in it. */
  async remove(directory: OutputDirectory): Promise<void> {
    this.folders.delete(directory.key);
    await rm(directory.path, { recursive: true, force: true });
  }

  close(): void {
    this.folders.clear();
    rmSync(this.root, { recursive: true, force: true });
  }

  private directory(segments: readonly string[]): OutputDirectory {
    const key = segments.join('/');
    return { path: join(this.root, ...segments), urlPath: `${DIRECTORIES_URL}/${segments.map(encodeURIComponent).join('/')}`, key };
  }
}
