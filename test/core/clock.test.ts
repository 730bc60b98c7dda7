import { describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.js';
import { ManualClock, seededRandom } from '../support/manual-clock.js';

const timeouts = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('system clock', () => {
  it('should resolve a sleep after its time', async () => {
    const started = performance.now();
    await systemClock.sleep(20, new AbortController().signal);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('should reject with the abort reason and leave no timer behind', async () => {
    const before = timeouts();
    const controller = new AbortController();
    const sleeping = systemClock.sleep(60_000, controller.signal);
    expect(timeouts()).toBe(before + 1);
    const reason = new Error('left');
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
    expect(timeouts()).toBe(before);
    await expect(systemClock.sleep(10, controller.signal)).rejects.toBe(reason);
    expect(timeouts()).toBe(before);
  });
});

describe('manual clock', () => {
  it('should wake due sleeps in order of due time, including sleeps scheduled while advancing', async () => {
    const clock = new ManualClock();
    const woke: string[] = [];
    const signal = new AbortController().signal;
    void clock.sleep(300, signal).then(() => woke.push(`c@${clock.now()}`));
    void clock.sleep(100, signal).then(async () => {
      woke.push(`a@${clock.now()}`);
      await clock.sleep(100, signal);
      woke.push(`b@${clock.now()}`);
    });
    expect(clock.pendingSleeps).toBe(2);
    await clock.advance(250);
    expect(woke).toEqual(['a@100', 'b@200']);
    expect(clock.now()).toBe(250);
    await clock.advance(50);
    expect(woke).toEqual(['a@100', 'b@200', 'c@300']);
    expect(clock.pendingSleeps).toBe(0);
  });

  it('should drop an aborted sleep and give a repeatable random sequence', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(100, controller.signal);
    controller.abort(new Error('gone'));
    await expect(sleeping).rejects.toThrow('gone');
    expect(clock.pendingSleeps).toBe(0);
    expect(clock.random()).toBe(0.5);
    const a = seededRandom(7);
    const b = seededRandom(7);
    const values = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(values);
    for (const v of values) expect(v >= 0 && v < 1).toBe(true);
  });
});
