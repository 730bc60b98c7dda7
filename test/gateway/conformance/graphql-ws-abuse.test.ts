import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startEmbeddedGateway } from '../../support/gateway-fixture.js';

/**
 * The protocol's close codes, as graphql-ws 6 uses them
 * (https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md).
 */
const CLOSE = {
  BadRequest: 4400,
  Unauthorized: 4401,
  ConnectionInitialisationTimeout: 4408,
  SubscriberAlreadyExists: 4409,
  TooManyInitialisationRequests: 4429,
} as const;

const SUBSCRIBE = (id: string): string =>
  JSON.stringify({ id, type: 'subscribe', payload: { query: 'subscription { jobUpdates(id: "bm9wZQ") { status } }' } });
const INIT = JSON.stringify({ type: 'connection_init' });

interface RawSocket {
  readonly socket: WebSocket;
  /** The close code and reason, or 'open' if the socket is still open after `withinMs`. */
  closed(withinMs?: number): Promise<{ code: number; reason: string } | 'open'>;
  /** The next message of this type. */
  message(type: string): Promise<Record<string, unknown>>;
}

async function connect(origin: string, headers: Record<string, string> = {}): Promise<RawSocket> {
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', { headers });
  const messages: Record<string, unknown>[] = [];
  const closing = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
    });
  });
  socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as Record<string, unknown>));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    closed: (withinMs = 2_000) =>
      Promise.race([
        closing,
        new Promise<'open'>((resolve) =>
          setTimeout(() => {
            resolve('open');
          }, withinMs),
        ),
      ]),
    message: async (type) => {
      await expect.poll(() => messages.some((m) => m.type === type), { timeout: 2_000 }).toBe(true);
      return messages.find((m) => m.type === type) ?? {};
    },
  };
}

async function acknowledged(origin: string): Promise<RawSocket> {
  const raw = await connect(origin);
  raw.socket.send(INIT);
  await raw.message('connection_ack');
  return raw;
}

describe('graphql-ws protocol abuse', () => {
  it('should close with 4401 on subscribe before connection_init', async () => {
    const { origin } = await startEmbeddedGateway();
    const raw = await connect(origin);
    raw.socket.send(SUBSCRIBE('1'));
    expect(await raw.closed()).toEqual({ code: CLOSE.Unauthorized, reason: 'Unauthorized' });
  });

  it('should close with 4429 on a second connection_init', async () => {
    const { origin } = await startEmbeddedGateway();
    const raw = await acknowledged(origin);
    raw.socket.send(INIT);
    expect(await raw.closed()).toEqual({ code: CLOSE.TooManyInitialisationRequests, reason: 'Too many initialisation requests' });
  });

  it('should close with 4409 on a duplicate subscription id', async () => {
    const { origin } = await startEmbeddedGateway();
    const raw = await acknowledged(origin);
    // Both in one go: the first is still being set up when the second arrives.
    raw.socket.send(SUBSCRIBE('same'));
    raw.socket.send(SUBSCRIBE('same'));
    expect(await raw.closed()).toEqual({ code: CLOSE.SubscriberAlreadyExists, reason: 'Subscriber for same already exists' });
  });

  it('should close with 4400 on a malformed message', async () => {
    const { origin } = await startEmbeddedGateway();
    const raw = await acknowledged(origin);
    raw.socket.send('{not json');
    expect(await raw.closed()).toEqual({ code: CLOSE.BadRequest, reason: 'Invalid message received' });
  });

  it('should close with 4400 on an unknown message type', async () => {
    const { origin } = await startEmbeddedGateway();
    const raw = await acknowledged(origin);
    raw.socket.send(JSON.stringify({ type: 'start', id: '1', payload: {} }));
    expect(await raw.closed()).toEqual({ code: CLOSE.BadRequest, reason: 'Invalid message received' });
  });

  it('should close with 4408 when no connection_init arrives within the configured timeout', async () => {
    const { origin } = await startEmbeddedGateway({ limits: { connectionInitWaitTimeoutMs: 300 } });
    const started = Date.now();
    const raw = await connect(origin);
    expect(await raw.closed(150)).toBe('open');
    expect(await raw.closed()).toEqual({ code: CLOSE.ConnectionInitialisationTimeout, reason: 'Connection initialisation timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('should answer a syntax error with an error message and keep the socket open', async () => {
    const { origin } = await startEmbeddedGateway();
    const raw = await acknowledged(origin);
    raw.socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ services {' } }));
    expect(await raw.message('error')).toMatchObject({ id: '1', payload: [{ message: expect.stringContaining('Syntax Error') }] });
    expect(await raw.closed(100)).toBe('open');
    raw.socket.close();
  });

  it('should refuse a handshake from a page of another origin, and accept its own', async () => {
    const { origin } = await startEmbeddedGateway();
    await expect(connect(origin, { origin: 'https://evil.example' })).rejects.toThrow(/403/);
    const own = await connect(origin, { origin });
    own.socket.close();
  });
});
