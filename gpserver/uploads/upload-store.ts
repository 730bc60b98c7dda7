import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { ReceivedFile } from '../../multipart/read-multipart.js';

/** An item of `uploads/`, as the item resource describes it, plus where its file lies. */
export interface UploadedItem {
  readonly itemID: string;
  readonly itemName: string;
  readonly description: string;
  readonly date: number;
  readonly committed: true;
  /** Qualified name of the service it was uploaded to: an item serves that service only. */
  readonly service: string;
  readonly owner: string | undefined;
  readonly path: string;
  readonly size: number;
}

export interface UploadPolicy {
  /** Largest file accepted (ArcGIS: the service's MaxUploadFileSize). */
  readonly maxBytes: number;
  /** Lower-case extensions without the dot (ArcGIS: AllowedUploadFileTypes). */
  readonly allowedTypes: readonly string[];
  /** An item is deleted this long after its upload. */
  readonly retentionMs: number;
}

/** The types a GP service accepts by default here: tables, rasters, vectors, archives and text. */
export const DEFAULT_UPLOAD_TYPES: readonly string[] = [
  'csv',
  'txt',
  'json',
  'geojson',
  'xml',
  'tif',
  'tiff',
  'png',
  'jpg',
  'jpeg',
  'zip',
  'kml',
  'kmz',
  'gpx',
];

/** Why an upload was refused; the handler turns it into an ArcGIS error body. */
export class UploadRefused extends Error {
  override readonly name = 'UploadRefused';
}

/**
 * Uploaded items of every service (https://developers.arcgis.com/rest/services-reference/enterprise/uploads.htm):
 * one file each, under `<root>/<itemID>/<itemName>`, deleted after the retention period or on request.
 */
export class UploadStore {
  private readonly items = new Map<string, UploadedItem>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly root: string,
    readonly policy: UploadPolicy,
    private readonly now: () => number,
  ) {}

  /** Where request bodies put file parts before they become items (same file system: a rename). */
  incomingDir(): string {
    return join(this.root, 'incoming');
  }

  /** Takes a received file as a new item, or deletes it and throws UploadRefused. */
  async add(file: ReceivedFile, service: string, owner: string | undefined, description: string): Promise<UploadedItem> {
    const itemName = basename(file.filename.replaceAll('\\', '/')).trim();
    const type = extname(itemName).slice(1).toLowerCase();
    const refusal =
      itemName === '' || itemName === '.' || itemName === '..'
        ? 'The file has no name.'
        : !this.policy.allowedTypes.includes(type)
          ? `File type '.${type}' is not allowed. Allowed types: ${this.policy.allowedTypes.map((t) => `.${t}`).join(', ')}.`
          : undefined;
    if (refusal !== undefined) {
      await rm(file.path, { force: true });
      throw new UploadRefused(refusal);
    }
    const itemID = `i${randomUUID()}`;
    const path = join(this.root, itemID, itemName);
    await mkdir(join(this.root, itemID), { recursive: true });
    await rename(file.path, path);
    const item: UploadedItem = { itemID, itemName, description, date: this.now(), committed: true, service, owner, path, size: file.size };
    this.items.set(itemID, item);
    const timer = setTimeout(() => void this.delete(itemID), this.policy.retentionMs);
    timer.unref();
    this.timers.set(itemID, timer);
    return item;
  }

  /** The item, if it exists for this service and (with token security) belongs to this user. */
  get(itemID: string, service: string, owner: string | undefined): UploadedItem | undefined {
    const item = this.items.get(itemID);
    if (!item || item.service.toLowerCase() !== service.toLowerCase() || item.owner !== owner) return undefined;
    return item;
  }

  list(service: string, owner: string | undefined): UploadedItem[] {
    return [...this.items.values()].filter((item) => this.get(item.itemID, service, owner) !== undefined);
  }

  async delete(itemID: string): Promise<void> {
    const item = this.items.get(itemID);
    this.items.delete(itemID);
    clearTimeout(this.timers.get(itemID));
    this.timers.delete(itemID);
    if (item) await rm(join(this.root, itemID), { recursive: true, force: true });
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.items.clear();
  }
}

/** The public view of an item (the item resource and the upload answer): no path, no owner. */
export function describeItem(item: UploadedItem): {
  itemID: string;
  itemName: string;
  description: string;
  date: number;
  committed: boolean;
} {
  return { itemID: item.itemID, itemName: item.itemName, description: item.description, date: item.date, committed: item.committed };
}
