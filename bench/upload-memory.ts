/**
 * B9: memory held while a file goes through the gateway to the embedded GPServer's uploads/ (one
 * process, as `npm start` runs them), for files of 20, 100 and 400 MB sent by curl as a GraphQL
 * multipart request. Memory is sampled every 100 ms after a forced collection, so the figure is what
 * is held, not garbage: a path that buffered the file would hold about its size. Needs --expose-gc.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { embeddedSources } from '../gateway/cli/embedded-sources.js';
import { createGateway } from '../gateway/create-gateway.js';
import { createGpServer } from '../gpserver/server.js';

const SIZES_MB = [20, 100, 400];
const GOAL_MB = 64;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const held = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
};

/** A CSV-looking file of `mb` megabytes, written in 1 MB chunks. */
async function writeFile(path: string, mb: number): Promise<void> {
  const line = Buffer.from(`${'a'.repeat(1_000_000 - 1)}\n`);
  await pipeline(
    Readable.from(
      (function* () {
        for (let i = 0; i < mb; i++) yield line;
      })(),
    ),
    createWriteStream(path),
  );
}

function curlUpload(graphqlUrl: string, path: string): Promise<string> {
  const operations = JSON.stringify({
    query: 'mutation($f: Upload!) { uploadItem(service: "Conversion/TableToPoints", file: $f) { itemId } }',
    variables: { f: null },
  });
  return new Promise((resolve) => {
    const child = spawn('curl', [
      '-s',
      graphqlUrl,
      '-H',
      'GraphQL-Preflight: 1',
      '-F',
      `operations=${operations}`,
      '-F',
      'map={"0":["variables.f"]}',
      '-F',
      `0=@${path}`,
    ]);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', () => {
      resolve(out);
    });
  });
}

const dir = await mkdtemp(join(tmpdir(), 'bench-upload-'));
const gp = await createGpServer({ uploads: { maxBytes: 1024 ** 3 } });
const gateway = await createGateway({ sources: embeddedSources(gp.servicesUrl), maxUploadBytes: 1024 ** 3 });
const server = createServer(gateway.handler);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const graphqlUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
const rows: { mb: number; ms: number; peakMb: number }[] = [];
for (const mb of SIZES_MB) {
  const path = join(dir, `${mb}.csv`);
  await writeFile(path, mb);
  gc();
  const base = held();
  let peak = 0;
  let sampler: NodeJS.Timeout | undefined;
  const sample = (): void => {
    gc();
    peak = Math.max(peak, held() - base);
    sampler = setTimeout(sample, 100);
  };
  sample();
  const started = performance.now();
  const answer = await curlUpload(graphqlUrl, path);
  clearTimeout(sampler);
  if (!answer.includes('itemId')) throw new Error(`upload of ${mb} MB failed: ${answer.slice(0, 200)}`);
  rows.push({ mb, ms: performance.now() - started, peakMb: peak / 1e6 });
  await rm(path);
}
server.closeAllConnections();
server.close();
await gateway.dispose();
await gp.close();
await rm(dir, { recursive: true, force: true });

process.stdout.write(
  'B9 upload through the gateway (gateway and embedded GPServer in one process; held = heap + external after a forced GC, sampled every 100 ms)\n',
);
process.stdout.write('| file MB | ms | MB/s | peak held MB |\n|---|---|---|---|\n');
for (const r of rows)
  process.stdout.write(`| ${r.mb} | ${r.ms.toFixed(0)} | ${((r.mb / r.ms) * 1000).toFixed(0)} | ${r.peakMb.toFixed(1)} |\n`);
const worst = Math.max(...rows.map((r) => r.peakMb));
process.stdout.write(
  `GOAL B9 ${worst <= GOAL_MB ? 'met' : 'not met'} ${worst.toFixed(1)} MB held at most, files up to ${Math.max(...SIZES_MB)} MB\n`,
);
