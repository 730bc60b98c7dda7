import type { GraphQLSchema } from 'graphql';
import { systemClock, type Clock } from '../core/clock.js';
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
  readonly clock?: Clock;
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
  /** Ends the wait for the next attempt: aborted by dispose, or by a `refresh()` that starts its own. */
  private waiting: AbortController | undefined;
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

  /** Loads the catalog (never throws), then keeps loading it on schedule until disposed. */
  async refresh(): Promise<void> {
    this.waiting?.abort();
    const delay = await this.load();
    if (delay !== undefined) void this.reloadAfter(delay);
  }

  private async reloadAfter(first: number): Promise<void> {
    const waiting = new AbortController();
    this.waiting = waiting;
    const clock = this.options.clock ?? systemClock;
    let delay: number | undefined = first;
    while (delay !== undefined) {
      try {
        await clock.sleep(delay, waiting.signal);
      } catch {
        return;
      }
      delay = await this.load();
    }
  }

  /** One attempt; resolves with the delay before the next, if there is one. */
  private async load(): Promise<number | undefined> {
    const next = await this.options.load();
    if (this.disposed) return undefined;
    const diff = diffCatalogs(this.catalogValue, next);
    if (diff.changes.length > 0) {
      this.schemaValue = this.options.build(next);
      this.catalogValue = next;
      this.options.log.info('schema updated', { breaking: diff.breaking, changes: summary(diff) });
    }
    const failed = next.services.flatMap((s) => (s.status === 'error' ? [s] : []));
    for (const service of failed)
      this.options.log.warn('service unavailable', { service: service.name, url: service.url, error: service.error });
    if (next.services.some((s) => s.status === 'ok')) this.everReady = true;
    return this.nextDelay(failed.length > 0);
  }

  private nextDelay(retrying: boolean): number | undefined {
    let delay = this.options.refreshMs;
    if (retrying) {
      delay = Math.min(this.retryDelay, delay ?? Infinity);
      this.retryDelay = Math.min(this.retryDelay * 2, this.options.maxRetryMs);
    } else {
      this.retryDelay = this.options.retryMs;
    }
    return delay;
  }

  dispose(): void {
    this.disposed = true;
    this.waiting?.abort();
  }
}
