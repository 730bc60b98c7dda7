import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';

const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

function runCli(args: string[]): ReturnType<typeof spawn> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'gpserver/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

function output(stream: NodeJS.ReadableStream | null): NodeJS.ReadableStream {
  if (!stream) throw new Error('the child has no piped output');
  return stream;
}

/** Reads without destroying the stream (breaking a for-await would, and the child would die of EPIPE). */
function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.split('\n')[0] ?? '');
    });
    stream.once('end', () => {
      reject(new Error(`no line before the end of output: ${text}`));
    });
  });
}

describe('gpserver command line', () => {
  it('should serve the services directory on the requested port', async () => {
    const child = runCli(['--port', '0']);
    const line = await firstLine(output(child.stdout));
    const url = /Embedded GPServer at (\S+)/.exec(line)?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/arcgis\/rest\/services$/);
    const root = (await (await fetch(`${url ?? ''}?f=json`)).json()) as { folders: string[] };
    expect(root.folders).toContain('Elevation');
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('should exit with 2 and the usage on a bad option', async () => {
    const child = runCli(['--port', 'abc']);
    let stderr = '';
    output(child.stderr).on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be a non-negative number');
    expect(stderr).toContain('Usage: npm run gpserver');
  });
});
