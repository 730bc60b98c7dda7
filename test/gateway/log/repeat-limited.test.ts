import { describe, expect, it } from 'vitest';
import type { LogFields, Logger } from '../../../gateway/log/logger.js';
import { limitRepeats } from '../../../gateway/log/repeat-limited.js';

function recording(): { log: Logger; lines: [string, string, LogFields | undefined][] } {
  const lines: [string, string, LogFields | undefined][] = [];
  const log: Logger = {
    debug: (m, f) => lines.push(['debug', m, f]),
    info: (m, f) => lines.push(['info', m, f]),
    warn: (m, f) => lines.push(['warn', m, f]),
    error: (m, f) => lines.push(['error', m, f]),
    child: () => log,
  };
  return { log, lines };
}

describe('repeat-limited logs', () => {
  it('should write a repeated warning 5 times per window, then say how many it left out', () => {
    let now = 0;
    const { log, lines } = recording();
    const limited = limitRepeats(log, { perWindow: 5, windowMs: 10_000, clock: { now: () => now } });
    for (let i = 0; i < 100; i++) limited.warn('upstream down', { i });
    limited.error('another message');
    expect(lines.filter(([level, message]) => level === 'warn' && message === 'upstream down')).toHaveLength(5);
    expect(lines.filter(([level]) => level === 'error')).toHaveLength(1);
    now += 10_000;
    limited.warn('upstream down', { i: 100 });
    expect(lines.at(-1)).toEqual(['warn', 'upstream down', { i: 100, suppressedBefore: 95 }]);
  });

  it('should pass debug and info lines untouched', () => {
    const { log, lines } = recording();
    const limited = limitRepeats(log, { clock: { now: () => 0 } });
    for (let i = 0; i < 50; i++) limited.info('operation');
    expect(lines).toHaveLength(50);
  });
});
