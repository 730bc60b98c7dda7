/**
 * No client library: `fetch` for a mutation, then the subscription as Server-Sent Events over the
 * same POST (GraphQL over SSE, "distinct connections" mode): each `event: next` carries one
 * `{"data": …}`, `event: complete` ends the stream. What a script, a test or a small page can use.
 *
 *   npx tsx examples/fetch-sse.ts [http://localhost:4000/graphql]
 */

async function post(url: string, query: string, variables: Record<string, unknown> = {}, accept = 'application/json'): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ query, variables }),
  });
}

/** The `data:` payloads of `event: next` messages, until `event: complete`. */
async function* nextEvents(response: Response): AsyncGenerator {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(message)?.[1];
      const data = message
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (event === 'complete') return;
      if (event === 'next' && data !== '') yield JSON.parse(data) as unknown;
    }
  }
}

export async function runFetchSseExample(url: string, print: (line: string) => void = console.log): Promise<string[]> {
  const submitted = (await (
    await post(url, 'mutation { submitElevationStatisticsJob(input: { bandCount: 3, stepDelayMs: 200 }) { id status } }')
  ).json()) as { data?: { submitElevationStatisticsJob: { id: string; status: string } } };
  const job = submitted.data?.submitElevationStatisticsJob;
  if (!job) throw new Error(`no job came back: ${JSON.stringify(submitted)}`);
  print(`submitted ${job.id}: ${job.status}`);
  const response = await post(
    url,
    'subscription ($id: ID!) { jobUpdates(id: $id) { status final progress { percent } } }',
    { id: job.id },
    'text/event-stream',
  );
  const statuses: string[] = [];
  for await (const event of nextEvents(response)) {
    const update = (event as { data?: { jobUpdates: { status: string; progress: { percent: number | null } | null } } }).data?.jobUpdates;
    if (!update) continue;
    statuses.push(update.status);
    print(`  ${update.status}${update.progress?.percent == null ? '' : ` ${update.progress.percent} %`}`);
  }
  return statuses;
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  await runFetchSseExample(process.argv[2] ?? 'http://localhost:4000/graphql');
}
