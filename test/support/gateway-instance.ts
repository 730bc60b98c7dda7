import type { ChildProcess } from 'node:child_process';
import { startChild } from './child-process.js';

export interface GatewayInstance {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>/graphql` */
  readonly url: string;
}

/** A gateway process in scale-out mode on `redisUrl`, fronting one service, polling every `pollMs`; `args` go after the rest (e.g. `--config`). */
export async function startGatewayInstance(
  redisUrl: string,
  serviceUrl: string,
  { leaseMs, pollMs, args = [] }: { leaseMs: number; pollMs: number; args?: readonly string[] },
): Promise<GatewayInstance> {
  const { child, match } = await startChild(
    'gateway/main.ts',
    [
      '--port',
      '0',
      '--log-level',
      'silent',
      '--redis',
      redisUrl,
      '--service',
      serviceUrl,
      '--poll',
      `${pollMs},${pollMs}`,
      '--lease',
      String(leaseMs),
      ...args,
    ],
    /GraphQL gateway at (\S+)/,
  );
  return { child, url: (match[1] ?? '').replace('localhost', '127.0.0.1') };
}

/** Resolves once `check` holds, looking every 10 ms; rejects naming `what` after `limitMs`. */
export async function until(check: () => boolean, what: string, limitMs = 20_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
