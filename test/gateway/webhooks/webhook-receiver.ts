/** A real HTTP receiver on 127.0.0.1 that records every request and answers as a test scripts it. */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger, LogFields } from '../../../gateway/log/logger.js';
import type { WebhookMetrics, WebhookOutcome } from '../../../gateway/webhooks/webhook-outbox.js';

export interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
}

/** Answers the n-th request (0-based); returns nothing to leave it hanging. */
export type Responder = (n: number, response: ServerResponse, path: string) => void;

export const answer =
  (status: number, headers: Record<string, string> = {}): Responder =>
  (_n, response) => {
    response.writeHead(status, headers).end();
  };

export interface Receiver {
  readonly origin: string;
  readonly received: Received[];
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(respond: Responder = answer(204)): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      respond(received.length - 1, response, path);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    async waitFor(count, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > end) throw new Error(`expected ${count} requests, got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Counts outcomes as the metrics would. */
export function outcomeCounter(): WebhookMetrics & { readonly counts: Record<WebhookOutcome, number> } {
  const counts: Record<WebhookOutcome, number> = { delivered: 0, retried: 0, given_up: 0 };
  return {
    counts,
    outcome: (outcome) => {
      counts[outcome] += 1;
    },
  };
}

/** A logger that keeps every line. */
export function recordingLogger(): Logger & { readonly lines: { level: string; message: string; fields?: LogFields }[] } {
  const lines: { level: string; message: string; fields?: LogFields }[] = [];
  const at =
    (level: string) =>
    (message: string, fields?: LogFields): void => {
      lines.push({ level, message, fields });
    };
  const logger = { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => logger };
  return logger;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `condition` holds (checked every 10 ms); rejects after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('the condition did not hold in time');
    await sleep(10);
  }
}
