import { setMaxListeners } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import type { Clock } from '../../core/clock.js';
import { ERROR_CODES } from '../../core/errors/error-codes.js';
import type { Logger } from '../log/logger.js';

/** Paths still answered while draining: the load balancer and the metrics scraper watch them go. */
const STILL_SERVED = new Set(['/healthz', '/readyz', '/metrics']);

/** What a new request gets once the drain refuses: the same over `node:http` and through Yoga. */
export const SHUTTING_DOWN_ANSWER = {
  status: 503,
  headers: { 'content-type': 'application/json', 'retry-after': '1', connection: 'close' },
  body: JSON.stringify({
    errors: [
      { message: 'This gateway instance is shutting down: send the request again.', extensions: { code: ERROR_CODES.SHUTTING_DOWN } },
    ],
  }),
} as const;

export interface DrainReport {
  /** From the start of the drain to the last socket closed. */
  readonly ms: number;
  /** HTTP requests and graphql-ws queries and mutations still running when the timeout cut the wait (0 when all finished). */
  readonly unfinished: number;
}

/**
 * A graceful stop, in the order a rolling deploy needs it: `/readyz` turns 503 and new requests are
 * refused at once (503 SHUTTING_DOWN with `retry-after`), so the load balancer sends nothing more; the
 * queries and mutations already running finish (on both transports, counted at execution), bounded by
 * the timeout; then every subscription ends — SSE with a SHUTTING_DOWN event, graphql-ws by closing
 * the socket with 1001 Going Away, on which graphql-ws clients reconnect and subscribe again — and the
 * job hub lets its jobs go (leases released in Redis mode) so another instance polls them.
 */
export class Drain {
  #draining = false;
  #refusing = false;
  #inFlight = 0;
  #idle: (() => void) | undefined;
  readonly #shutdown = new AbortController();

  constructor() {
    // Every open subscription listens for the shutdown: thousands of listeners are expected, not a leak.
    setMaxListeners(0, this.#shutdown.signal);
  }

  /** Not ready any more (`/readyz` 503). */
  get draining(): boolean {
    return this.#draining;
  }

  /** New requests, connections and operations are refused (after `delayMs` of draining). */
  get refusing(): boolean {
    return this.#refusing;
  }

  /** Aborted when subscriptions must end. */
  get shutdown(): AbortSignal {
    return this.#shutdown.signal;
  }

  /**
   * Counts what is running: each HTTP request until its response starts (an upload still arriving
   * counts; an SSE stream stops counting once it is open), and each execution of a query or mutation,
   * which is how graphql-ws operations are seen. Subscriptions run until the drain ends them.
   */
  readonly plugin: Plugin = {
    onRequest: () => {
      this.#begin();
    },
    onResponse: () => {
      this.#end();
    },
    onExecute: ({ args }) => {
      // Over HTTP the request already counts; graphql-ws operations have no request.
      if ((args.contextValue as { request?: unknown }).request !== undefined) return undefined;
      this.#begin();
      return {
        onExecuteDone: () => {
          this.#end();
        },
      };
    },
  };

  /** Counts a response answered outside Yoga (a `/files` download) until it is sent or cut. */
  track(res: ServerResponse): void {
    this.#begin();
    res.once('close', () => {
      this.#end();
    });
  }

  #begin(): void {
    this.#inFlight += 1;
  }

  #end(): void {
    this.#inFlight -= 1;
    if (this.#inFlight === 0) this.#idle?.();
  }

  /** While draining, answers a new request with 503 and returns true (health and metrics excepted). */
  refuse(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.#refusing || STILL_SERVED.has((req.url ?? '/').split('?')[0] ?? '')) return false;
    res.writeHead(SHUTTING_DOWN_ANSWER.status, SHUTTING_DOWN_ANSWER.headers);
    res.end(SHUTTING_DOWN_ANSWER.body);
    return true;
  }

  async run(options: {
    readonly timeoutMs: number;
    /**
     * How long to keep serving new requests once not ready, so a load balancer probing `/readyz`
     * every few seconds notices before anything is refused. Default 0.
     */
    readonly delayMs?: number;
    readonly clock: Clock;
    readonly log: Logger;
    readonly endSubscriptions: () => Promise<void>;
  }): Promise<DrainReport> {
    const started = options.clock.now();
    this.#draining = true;
    const delayMs = options.delayMs ?? 0;
    if (delayMs > 0) {
      options.log.info('draining: not ready, still serving while the load balancer notices', { delayMs });
      await options.clock.sleep(delayMs, new AbortController().signal);
    }
    this.#refusing = true;
    options.log.info('draining: new requests refused', { inFlight: this.#inFlight, timeoutMs: options.timeoutMs });
    if (this.#inFlight > 0) {
      const stop = new AbortController();
      const idle = new Promise<void>((resolve) => (this.#idle = resolve));
      await Promise.race([idle, options.clock.sleep(options.timeoutMs, stop.signal).catch(() => undefined)]);
      stop.abort();
    }
    const unfinished = this.#inFlight;
    options.log.info('draining: operations done, ending subscriptions', { unfinished });
    this.#shutdown.abort();
    await options.endSubscriptions();
    const ms = options.clock.now() - started;
    options.log.info('drained', { ms, unfinished });
    return { ms, unfinished };
  }
}
