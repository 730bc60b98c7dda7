import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogService } from '../../core/catalog.js';
import { LiveSchema, type LiveSchemaOptions } from '../../gateway/live-schema.js';
import { silentLogger } from '../../gateway/log/logger.js';
import { ManualClock } from '../support/manual-clock.js';

const URL_ = 'http://gp.test/arcgis/rest/services/A/GPServer';
const UP: CatalogService = { status: 'ok', url: URL_, name: 'A', description: '', execution: 'synchronous', tasks: [] };
const DOWN: CatalogService = { status: 'error', url: URL_, name: 'A', error: 'connection refused' };

/** A LiveSchema whose loads answer `answers` in turn (the last one from then on), counted. */
function live(answers: readonly CatalogService[], options: Partial<LiveSchemaOptions> = {}) {
  const clock = new ManualClock();
  const counts = { loads: 0 };
  const schema = new LiveSchema({
    load: (): Promise<Catalog> => {
      const service = answers[Math.min(counts.loads, answers.length - 1)];
      counts.loads++;
      return Promise.resolve({ services: service ? [service] : [] });
    },
    build: () => buildSchema('type Query { ok: Boolean }'),
    log: silentLogger,
    retryMs: 100,
    maxRetryMs: 400,
    clock,
    ...options,
  });
  return { clock, counts, schema };
}

describe('live schema', () => {
  it('should re-introspect every refreshMs on its clock, and wait no more once disposed', async () => {
    const { clock, counts, schema } = live([UP], { refreshMs: 1_000 });
    await schema.refresh();
    expect(schema.ready).toBe(true);
    await clock.advance(999);
    expect(counts.loads).toBe(1);
    await clock.advance(1);
    expect(counts.loads).toBe(2);
    await clock.advance(2_000);
    expect(counts.loads).toBe(4);
    schema.dispose();
    expect(clock.pendingSleeps).toBe(0);
    await clock.advance(10_000);
    expect(counts.loads).toBe(4);
  });

  it('should retry failed services with doubling delays up to maxRetryMs, then stop without --refresh', async () => {
    const { clock, counts, schema } = live([DOWN, DOWN, DOWN, DOWN, UP]);
    await schema.refresh();
    expect(schema.ready).toBe(false);
    await clock.advance(10_000);
    expect(counts.loads).toBe(5);
    expect(clock.sleeps).toEqual([100, 200, 400, 400]);
    expect(schema.ready).toBe(true);
    expect(clock.pendingSleeps).toBe(0);
    schema.dispose();
  });

  it('should retry no later than the refresh interval', async () => {
    const { clock, schema } = live([DOWN, DOWN, DOWN, UP, UP], { refreshMs: 150 });
    await schema.refresh();
    await clock.advance(1_000);
    expect(clock.sleeps.slice(0, 4)).toEqual([100, 150, 150, 150]);
    schema.dispose();
  });

  it('should schedule nothing after a load that ends once disposed', async () => {
    const clock = new ManualClock();
    let finish = (_catalog: Catalog): void => undefined;
    const schema = new LiveSchema({
      load: () => new Promise<Catalog>((resolve) => (finish = resolve)),
      build: () => buildSchema('type Query { ok: Boolean }'),
      log: silentLogger,
      refreshMs: 1_000,
      retryMs: 100,
      maxRetryMs: 400,
      clock,
    });
    const refreshing = schema.refresh();
    schema.dispose();
    finish({ services: [UP] });
    await refreshing;
    expect(schema.ready).toBe(false);
    expect(clock.pendingSleeps).toBe(0);
  });
});
