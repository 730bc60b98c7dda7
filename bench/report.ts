/**
 * `npm run bench`: runs every benchmark as a child process, one after the other (B1, B2, B3, B4, B5,
 * B6, B7, B8, B9, B10, B11, then the Esri client comparison), shows their progress, and writes bench/REPORT.md: the
 * machine, a summary of each goal (from the `GOAL <id> <met|not met> <figure>` lines the benchmarks
 * print, never from their tables) and each benchmark's own markdown. The Redis benchmarks are skipped,
 * with a note, when `redis-server` (or $REDIS_SERVER) cannot be run.
 *
 * `node --import tsx bench/report.ts --only <id>` runs one benchmark (B10, B8…) and puts its section and
 * summary rows into the existing report, leaving every other figure as it was (support/report-splice.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { spliceReport } from './support/report-splice.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPORT = join(ROOT, 'bench', 'REPORT.md');
/** Any one benchmark is stopped past this (they all stop by themselves well before). */
const TIMEOUT_MS = 5 * 60_000;

interface Bench {
  readonly id: string;
  readonly title: string;
  readonly script: string;
  readonly args?: readonly string[];
  readonly nodeArgs?: readonly string[];
  readonly needsRedis?: boolean;
}

const BENCHES: readonly Bench[] = [
  { id: 'B1', title: 'B1 — synchronous execute: gateway vs direct REST', script: 'bench/sync-execute.ts' },
  { id: 'B2', title: 'B2 — trivial query: node:http, Yoga, gateway', script: 'bench/trivial-query.ts' },
  { id: 'B3', title: 'B3 — watchers on one job: upstream polls per interval', script: 'bench/jobs-fanout.ts', args: ['b3'] },
  { id: 'B3-redis', title: 'B3 across two instances sharing Redis', script: 'bench/scale-out.ts', args: ['b3'], needsRedis: true },
  { id: 'B4', title: 'B4 — 1,000 live jobs', script: 'bench/jobs-load.ts', args: ['b4'], nodeArgs: ['--expose-gc'] },
  { id: 'B5', title: 'B5 — memory per idle subscription', script: 'bench/jobs-load.ts', args: ['b5'], nodeArgs: ['--expose-gc'] },
  { id: 'B6', title: 'B6 — schema build', script: 'bench/schema-build.ts' },
  { id: 'B7', title: 'B7 — aliased result reads', script: 'bench/jobs-fanout.ts', args: ['b7'] },
  { id: 'B8', title: 'B8 — subscription fan-out, in-memory against Redis', script: 'bench/scale-out.ts', args: ['b8'], needsRedis: true },
  { id: 'B9', title: 'B9 — memory held by an upload through the gateway', script: 'bench/upload-memory.ts', nodeArgs: ['--expose-gc'] },
  {
    id: 'B10',
    title: 'B10 — cached deterministic runs: a repeated-point workload with and without the run cache',
    script: 'bench/run-cache.ts',
  },
  {
    id: 'B11',
    title: 'B11 — workflows: a chain run by the gateway against the same chain run by hand',
    script: 'bench/workflow-chains.ts',
  },
  { id: 'Esri', title: 'Upstream requests: Esri Job clients vs gateway subscribers', script: 'bench/jobs-fanout.ts', args: ['esri'] },
];

const GOALS: readonly { readonly id: string; readonly goal: string }[] = [
  { id: 'B1', goal: 'B1: gateway requests/s ≥ 0.45 × direct REST' },
  { id: 'B1-peer', goal: 'B1: gateway requests/s ≥ 3 × a hand-written Yoga + fetch server' },
  { id: 'B1-cpu', goal: 'B1: gateway CPU per request ≤ 2.5 × a node:http forwarder’s' },
  { id: 'B3', goal: 'B3: 1.0 upstream poll per interval, N = 1…1,000 watchers (± 0.1: one poll in the window)' },
  { id: 'B3-redis', goal: 'B3 across two instances (Redis): 1.0 poll per interval (± 0.1)' },
  { id: 'B4', goal: 'B4: at most 1 status request in flight per job, 1,000 live jobs' },
  { id: 'B5', goal: 'B5: ≤ 30 KB per idle WebSocket subscription' },
  { id: 'B6-1000', goal: 'B6: schema of 1,000 tasks built in < 1 s' },
  { id: 'B6-linear', goal: 'B6: t(1000) / t(100) ≤ 12' },
  { id: 'B7', goal: 'B7: K aliased reads of one output → 1 upstream fetch' },
  {
    id: 'B8',
    goal: 'B8: ≤ 10 µs gateway CPU per delivered event and p99 delivery ≤ 20 ms, 1,000 subscribers of one job sharing one operation (memory)',
  },
  { id: 'B8-distinct', goal: 'B8: 1,000 subscribers with 1,000 distinct operations no worse than before sharing (57.6 µs per event)' },
  { id: 'B9', goal: 'B9: an upload holds ≤ 64 MB whatever the file size (20–400 MB)' },
  { id: 'B10', goal: 'B10: 200 synchronous runs over 10 points → 10 upstream executes with the run cache' },
  { id: 'B11', goal: 'B11: a workflow costs its client 3 requests, and no more upstream bytes than the chain by hand (± 5 %)' },
];

interface Outcome {
  readonly bench: Bench;
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
  readonly seconds: number;
  readonly skipped?: string;
}

interface Goal {
  readonly met: boolean;
  readonly figure: string;
}

function redisMissing(): string | undefined {
  const binary = process.env.REDIS_SERVER ?? 'redis-server';
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    return `\`${binary}\` cannot be run (${probe.error?.message ?? `exit ${String(probe.status)}`}): skipped.`;
  return undefined;
}

async function run(bench: Bench): Promise<Outcome> {
  const started = performance.now();
  const child = spawn(process.execPath, [...(bench.nodeArgs ?? []), '--import', 'tsx', bench.script, ...(bench.args ?? [])], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    process.stderr.write(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    process.stderr.write(chunk);
  });
  const timer = setTimeout(() => {
    stderr += `\n(stopped after ${TIMEOUT_MS / 1000} s)\n`;
    child.kill('SIGKILL');
  }, TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => {
    child.once('close', (exitCode) => {
      resolve(exitCode);
    });
  });
  clearTimeout(timer);
  return { bench, stdout, stderr, code, seconds: (performance.now() - started) / 1000 };
}

function goalsOf(outcomes: readonly Outcome[]): Map<string, Goal> {
  const goals = new Map<string, Goal>();
  for (const { stdout } of outcomes) {
    for (const match of stdout.matchAll(/^GOAL (\S+) (met|not met) (.*)$/gm)) {
      goals.set(match[1] ?? '', { met: match[2] === 'met', figure: match[3] ?? '' });
    }
  }
  return goals;
}

function machine(): string[] {
  let cpu = 'unknown';
  try {
    cpu = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux
  }
  return [
    '| | |',
    '|---|---|',
    `| CPU | ${cpu} |`,
    `| cores available | ${availableParallelism()} |`,
    `| memory | ${(totalmem() / 2 ** 30).toFixed(1)} GiB |`,
    `| Node.js | ${process.version} |`,
    `| date | ${new Date().toISOString()} |`,
  ];
}

function section(outcome: Outcome): string[] {
  const { bench, stdout, stderr, code, seconds, skipped } = outcome;
  const command = `\`node ${[...(bench.nodeArgs ?? []), '--import tsx', bench.script, ...(bench.args ?? [])].join(' ')}\``;
  if (skipped !== undefined) return [`## ${bench.title}`, '', command, '', `**Skipped:** ${skipped}`, ''];
  const lines = [`## ${bench.title}`, '', `${command} — ${seconds.toFixed(0)} s`];
  const body = stdout
    .split('\n')
    .filter((line) => !line.startsWith('GOAL '))
    .join('\n')
    .trim();
  lines.push('', body);
  if (code !== 0) {
    const tail = stderr.trim().split('\n').slice(-15).join('\n');
    lines.push('', `**Failed** (exit ${String(code)}):`, '', '```', tail, '```');
  }
  return [...lines, ''];
}

const only = parseArgs({ options: { only: { type: 'string' } } }).values.only;
const selected = only === undefined ? BENCHES : BENCHES.filter((bench) => bench.id === only);
if (selected.length === 0) throw new Error(`--only ${String(only)}: no such benchmark (${BENCHES.map((bench) => bench.id).join(', ')})`);
const redisNote = redisMissing();
const startedAt = performance.now();
const machineLines = machine();
const loadBefore = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const outcomes: Outcome[] = [];
for (const bench of selected) {
  process.stderr.write(`\n=== ${bench.title} (${bench.script} ${(bench.args ?? []).join(' ')})\n`);
  if (bench.needsRedis && redisNote !== undefined) {
    outcomes.push({ bench, stdout: '', stderr: '', code: null, seconds: 0, skipped: redisNote });
    continue;
  }
  outcomes.push(await run(bench));
}
const totalSeconds = (performance.now() - startedAt) / 1000;
const goals = goalsOf(outcomes);

const summary = ['| goal | result | figure |', '|---|---|---|'];
for (const { id, goal } of GOALS) {
  const found = goals.get(id);
  const outcome = outcomes.find((o) => o.bench.id === id.replace(/-\d+$|-linear$|-peer$|-cpu$|-distinct$/, ''));
  if (only !== undefined && !outcome) continue;
  const why =
    outcome?.skipped !== undefined
      ? 'skipped (no redis-server)'
      : outcome && outcome.code !== 0
        ? `benchmark failed (exit ${String(outcome.code)})`
        : 'no figure';
  summary.push(found ? `| ${goal} | ${found.met ? '**met**' : '**not met**'} | ${found.figure} |` : `| ${goal} | not run | ${why} |`);
}

const report = [
  '# Benchmark report',
  '',
  'Generated by `npm run bench` (bench/report.ts). Every figure below comes from this one run; comparisons are',
  'measured side by side in it (alternated rounds, medians), as absolute figures on a shared machine are noisy.',
  'HTTP load (B1, B2) comes from autocannon in its own process; each server runs in its own process too.',
  '',
  '## Machine',
  '',
  ...machineLines,
  `| load average before the run | ${loadBefore} |`,
  `| total bench time | ${(totalSeconds / 60).toFixed(1)} min |`,
  '',
  '## Summary',
  '',
  ...summary,
  '',
  ...(redisNote !== undefined ? [`Redis: ${redisNote}`, ''] : []),
  ...outcomes.flatMap(section),
].join('\n');
// A benchmark run alone says so: the machine table and the other sections come from the last full run.
const alone = (outcome: Outcome): string[] => {
  const [heading = '', blank = '', command = '', ...rest] = section(outcome);
  const note = `Run alone (\`bench/report.ts --only ${outcome.bench.id}\`) on ${new Date().toISOString()}, load average before ${loadBefore}, same machine as above.`;
  return [heading, blank, command, '', note, ...rest];
};
writeFileSync(REPORT, only === undefined ? report : spliceReport(readFileSync(REPORT, 'utf8'), outcomes.flatMap(alone), summary.slice(2)));
process.stderr.write(`\nWrote ${REPORT} (${(totalSeconds / 60).toFixed(1)} min)\n`);
process.exitCode = outcomes.some((o) => o.skipped === undefined && o.code !== 0) ? 1 : 0;
