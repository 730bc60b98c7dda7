/** One GraphQL response of a subscription (GraphQL over SSE, "distinct connections" mode). */
export interface GraphQLEvent<T> {
  readonly data?: T | null;
  readonly errors?: readonly { readonly message: string }[];
}

/**
 * Runs a subscription over Server-Sent Events: a POST with `Accept: text/event-stream`, read as a
 * stream of `event: next` / `event: complete` blocks (https://html.spec.whatwg.org/multipage/server-sent-events.html).
 * EventSource cannot POST, hence fetch. Ends when the server completes the stream or the signal aborts.
 */
export async function* subscribe<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  signal: AbortSignal,
): AsyncGenerator<GraphQLEvent<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  if (!response.ok || !response.body) throw new Error(`The subscription failed: HTTP ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (event === 'complete') return;
      if (data.length > 0 && data.join('') !== '') yield JSON.parse(data.join('\n')) as GraphQLEvent<T>;
    }
  }
}

/** One query or mutation as a JSON POST. */
export async function request<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  signal: AbortSignal,
): Promise<GraphQLEvent<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  return (await response.json()) as GraphQLEvent<T>;
}
