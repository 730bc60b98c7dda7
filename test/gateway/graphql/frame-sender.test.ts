import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { BACKPRESSURE_BYTES, frameSender } from '../../../gateway/graphql/frame-sender.js';

const servers: WebSocketServer[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise((resolve) => {
          s.close(resolve);
        }),
    ),
  );
});

/** A real socket pair on loopback: the server's end (with its TCP socket) and the client. */
async function pair(): Promise<{ server: WebSocket; request: IncomingMessage; client: WebSocket; received: string[] }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  servers.push(wss);
  await once(wss, 'listening');
  const accepted = once(wss, 'connection') as Promise<[WebSocket, IncomingMessage]>;
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  const received: string[] = [];
  client.on('message', (data: Buffer) => received.push(data.toString()));
  const [server, request] = await accepted;
  await once(client, 'open');
  return { server, request, client, received };
}

const settled = async (promise: Promise<void>): Promise<boolean> => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe('frameSender', () => {
  it('hands frames over without waiting while little is buffered, in order, in one write per tick', async () => {
    const { server, request, client, received } = await pair();
    const send = frameSender(server, request.socket);
    const answers = ['a', 'b', 'c'].map((frame) => send(frame));
    expect(answers).toEqual([undefined, undefined, undefined]);
    // Corked for the rest of the tick: nothing has reached the socket's kernel buffer yet.
    expect(request.socket.writableCorked).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(request.socket.writableCorked).toBe(0);
    expect(received).toEqual(['a', 'b', 'c']);
    client.close();
  });

  it('waits for the write once more than the threshold is waiting (a client that does not read holds its senders back)', async () => {
    const { server, request, client, received } = await pair();
    const send = frameSender(server, request.socket);
    // Holds the TCP socket as a peer that does not read would: what is sent stays in the socket's buffer.
    request.socket.cork();
    const big = 'x'.repeat(BACKPRESSURE_BYTES + 1);
    expect(send(big)).toBeUndefined();
    const waiting = send('after');
    expect(waiting).toBeInstanceOf(Promise);
    expect(await settled(waiting as Promise<void>)).toBe(false);
    request.socket.uncork();
    await waiting;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual([big, 'after']);
    client.close();
  });

  it('drops frames for a socket that is no longer open', async () => {
    const { server, request, client } = await pair();
    const send = frameSender(server, request.socket);
    client.close();
    await once(server, 'close');
    expect(send('late')).toBeUndefined();
  });
});
