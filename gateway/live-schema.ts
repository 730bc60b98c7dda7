import type { GraphQLSchema } from 'graphql';
import type { Catalog } from '../core/catalog.js';
import { diffCatalogs, summary } from './arcgis/catalog-diff.js';
import type { Logger } from './log/logger.js';

export interface LiveSchemaOptions {
  readonly load: () => Promise<Catalog>;
  readonly build: (catalog: Catalog) => GraphQLSchema;
  readonly log: Logger;
  /** Re-introspect every this many ms (`--refresh`); off when absent. */
  readonly refreshMs?: number;
  /** First retry delay for services that failed introspection; doubles up to `maxRetryMs`. */
  readonly retryMs: number;
  readonly maxRetryMs: number;
}

/**
 * The current catalog and its schema. Introspection failures never take the gateway down: failed
 * services are retried with backoff, and `--refresh` re-introspects on an interval. A changed catalog
 * builds a new schema that replaces the old one for the next request; requests in flight (and open
 * subscriptions) keep the schema they started with.
 */
export class LiveSchema {
  private catalogValue: Catalog = { services: [] };
  /** Built on first use: the first introspection usually replaces the empty catalog's schema at once. */
  private schemaValue: GraphQLSchema | undefined;
  private timer: NodeJS.Timeout | undefined;
  private retryDelay: number;
  private disposed = false;
  private everReady = false;

  constructor(private readonly options: LiveSchemaOptions) {
    this.retryDelay = options.retryMs;
  }

  get schema(): GraphQLSchema {
    this.schemaValue ??= this.options.build(this.catalogValue);
    return this.schemaValue;
  }

  get catalog(): Catalog {
    return this.catalogValue;
  }

  /** Ready once one introspection has brought at least one service up. */
  get ready(): boolean {
    return this.everReady;
  }

  /** Loads the catalog (never throws) and schedules the next attempt. */
  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    const next = await this.options.load();
    if (this.disposed) return;
    const diff = diffCatalogs(this.catalogValue, next);
    if (diff.changes.length > 0) {
      this.schemaValue = this.options.build(next);
      this.catalogValue = next;
      this.options.log.info('schema updated', { breaking: diff.breaking, changes: summary(diff) });
    }
    const failed = next.services.flatMap((s) => (s.status === 'error' ? [s] : []));
    for (const service of failed) this.options.log.warn('service unavailable', { service: service.name, url: service.url, error: service.error });
    if (next.services.some((s) => s.status === 'ok')) this.everReady = true;
    this.schedule(failed.length > 0);
  }

  private schedule(retrying: boolean): void {
    let delay = this.options.refreshMs;
    if (retrying) {
      delay = Math.min(this.retryDelay, delay ?? Infinity);
      this.retryDelay = Math.min(this.retryDelay * 2, this.options.maxRetryMs);
    } else {
      this.retryDelay = this.options.retryMs;
    }
    if (delay === undefined || this.disposed) return;
    this.timer = setTimeout(() => void this.refresh(), delay);
    this.timer.unref();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }
}
