import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** Past this many bytes waiting on a socket, a sender waits for its frame to be written. */
export const BACKPRESSURE_BYTES = 64 * 1024;

/**
 * How graphql-ws's frames reach one socket. The frames one tick produces for it (an event fanned out
 * to its 100 subscriptions) go out in one write: the TCP socket is corked at the first frame and
 * uncorked once the tick's work is done. While little is waiting, a frame is handed over and the
 * sender goes on at once; a promise per frame that settles only when it is written cost ~4 µs per
 * delivered event in the fan-out benchmark (B8). Past `BACKPRESSURE_BYTES` the sender waits for the
 * write, so a client that does not read holds its subscriptions back (their job updates coalesce)
 * instead of growing the gateway's buffers.
 */
export function frameSender(socket: WebSocket, raw: Socket): (data: string) => Promise<void> | undefined {
  let corked = false;
  const uncork = (): void => {
    corked = false;
    raw.uncork();
  };
  return (data) => {
    if (socket.readyState !== socket.OPEN) return undefined;
    if (!corked) {
      corked = true;
      raw.cork();
      process.nextTick(uncork);
    }
    if (socket.bufferedAmount < BACKPRESSURE_BYTES) {
      socket.send(data);
      return undefined;
    }
    return new Promise<void>((resolve, reject) => {
      socket.send(data, (error) => {
        if (error) reject(error);
        else resolve();
      });
    });
  };
}
