import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { startGpServer } from '../support/gp-server-fixture.js';

const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function start(script: string, args: readonly string[]): { child: ReturnType<typeof spawn>; done: Promise<Finished> } {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = once(child, 'exit').then(([code]) => ({ code: code as number | null, stdout, stderr }));
  return { child, done };
}

async function waitForOutput(child: ReturnType<typeof spawn>, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = pattern.exec(text);
      if (match) resolve(match);
    });
    child.once('exit', () => {
      reject(new Error(`exited before printing ${String(pattern)}: ${text}`));
    });
  });
}

describe('command line', () => {
  it('should print the SDL of a GPServer URL, sorted', async () => {
    const upstream = await startGpServer();
    const { done } = start('gateway/sdl.ts', ['--service', `${upstream.servicesUrl}/GPFolder/BufferService/GPServer`]);
    const { code, stdout } = await done;
    expect(code).toBe(0);
    expect(stdout).toContain('runBuffer(input: BufferInput!, options: GPOptions): BufferResult!');
    expect(stdout.indexOf('enum ArealUnit')).toBeLessThan(stdout.indexOf('input BufferInput'));
  });

  it('should exit non-zero with a clear message when a source cannot be read', async () => {
    const { done } = start('gateway/sdl.ts', ['--service', 'http://127.0.0.1:9/arcgis/rest/services/Nope/GPServer']);
    const { code, stderr, stdout } = await done;
    expect(code).toBe(1);
    expect(stderr).toContain('Cannot read http://127.0.0.1:9/arcgis/rest/services/Nope/GPServer');
    expect(stdout).toBe('');
  });

  it('should start the gateway over the embedded GPServer without any source flag', async () => {
    const { child } = start('gateway/main.ts', ['--port', '0', '--log-level', 'silent']);
    const [, url] = await waitForOutput(child, /GraphQL gateway at (\S+)\n/);
    const response = await fetch(url ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ services { name status } }' }),
    });
    const body = (await response.json()) as { data: { services: { status: string }[] } };
    expect(body.data.services).toHaveLength(5);
    expect(body.data.services.every((s) => s.status === 'OK')).toBe(true);
  });

  it('should refuse unknown flags with the usage', async () => {
    const { done } = start('gateway/main.ts', ['--bogus']);
    const { code, stderr } = await done;
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: npm start');
  });
});
