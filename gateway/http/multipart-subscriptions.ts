/**
 * Subscriptions over plain HTTP the way Apollo Client's HttpLink asks for them by default
 * (Apollo's multipart subscription protocol, `Accept: multipart/mixed;boundary="graphql";subscriptionSpec=1.0`):
 * one `multipart/mixed` response whose parts are `{"payload": <event>}`, an empty `{}` part every
 * 5 s as a heartbeat (proxies keep the response open; clients skip it), and the closing boundary when
 * the stream ends. Yoga offers subscriptions over SSE only and answered such a request 406 with an
 * empty body; this plugin takes the subscriptions Yoga has no processor for, and nothing else
 * (`@defer` answers keep Yoga's own multipart format).
 */
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

const BOUNDARY = 'graphql';
export const HEARTBEAT_MS = 5_000;

function acceptsMultipart(request: Request): boolean {
  return (request.headers.get('accept') ?? '').split(',').some((entry) => entry.trim().toLowerCase().startsWith('multipart/mixed'));
}

const part = (json: string): string => `\r\n--${BOUNDARY}\r\ncontent-type: application/json; charset=utf-8\r\n\r\n${json}`;

function multipartSubscription(events: AsyncIterable<unknown>, heartbeatMs: number): Response {
  const encoder = new TextEncoder();
  const iterator = events[Symbol.asyncIterator]();
  let heartbeat: NodeJS.Timeout | undefined;
  let open = true;
  const stop = (): void => {
    open = false;
    clearTimeout(heartbeat);
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string): void => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      const beat = (): void => {
        send(part('{}'));
        if (open) heartbeat = setTimeout(beat, heartbeatMs);
      };
      heartbeat = setTimeout(beat, heartbeatMs);
      void (async () => {
        try {
          for (let step = await iterator.next(); step.done !== true && open; step = await iterator.next()) {
            send(part(JSON.stringify({ payload: step.value })));
          }
          send(`\r\n--${BOUNDARY}--\r\n`);
          stop();
          controller.close();
        } catch {
          // A stream that breaks after it began (events carry their own GraphQL errors; this is the rest):
          // a last part with a transport error, as the protocol has them, saying nothing of the cause.
          send(part(JSON.stringify({ payload: null, errors: [{ message: 'The subscription failed.' }] })));
          send(`\r\n--${BOUNDARY}--\r\n`);
          stop();
          controller.close();
        }
      })();
    },
    async cancel() {
      stop();
      await iterator.return?.();
    },
  });
  return new Response(body, {
    status: 200,
    headers: { 'content-type': `multipart/mixed;boundary="${BOUNDARY}";subscriptionSpec="1.0"`, 'cache-control': 'no-cache' },
  });
}

export function useMultipartSubscriptions(heartbeatMs = HEARTBEAT_MS): Plugin {
  return {
    onResultProcess(payload) {
      if (payload.resultProcessor !== undefined || !isAsyncIterable(payload.result) || !acceptsMultipart(payload.request)) return;
      payload.setResultProcessor((events) => multipartSubscription(events as AsyncIterable<unknown>, heartbeatMs), 'multipart/mixed');
    },
  };
}
