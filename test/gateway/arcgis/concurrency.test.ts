import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../gateway/arcgis/concurrency.js';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('concurrency limiter', () => {
  it('should run at most `limit` tasks at once and all of them eventually', async () => {
    const limit = createLimiter(3);
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        limit(async () => {
          active++;
          peak = Math.max(peak, active);
          await tick(5 + (i % 3) * 5);
          active--;
          return i;
        }),
      ),
    );
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peak).toBe(3);
  });

  it('should start waiting tasks in arrival order', async () => {
    const limit = createLimiter(1);
    const started: number[] = [];
    await Promise.all(
      [1, 2, 3, 4].map((n) =>
        limit(async () => {
          started.push(n);
          await tick(1);
        }),
      ),
    );
    expect(started).toEqual([1, 2, 3, 4]);
  });

  it('should release the slot when a task fails', async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit(() => Promise.resolve('after'))).resolves.toBe('after');
  });

  it('should release the slot when a task throws synchronously', async () => {
    const limit = createLimiter(1);
    await expect(
      limit(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    await expect(limit(() => Promise.resolve(1))).resolves.toBe(1);
  });

  it('should reject a limit that is not a positive integer', () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
    expect(() => createLimiter(1.5)).toThrow(RangeError);
  });
});
