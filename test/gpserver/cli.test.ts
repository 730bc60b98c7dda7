import { describe, expect, it } from 'vitest';
import { runToExit, startChild, stopChild } from '../support/child-process.js';

describe('gpserver command line', () => {
  it('should serve the services directory on the requested port', async () => {
    const { child, match } = await startChild('gpserver/main.ts', ['--port', '0'], /Embedded GPServer at (\S+)/);
    try {
      const url = match[1];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/arcgis\/rest\/services$/);
      const root = (await (await fetch(`${url ?? ''}?f=json`)).json()) as { folders: string[] };
      expect(root.folders).toContain('Elevation');
    } finally {
      await stopChild(child);
    }
    expect(child.exitCode).toBe(0);
  });

  it('should exit with 2 and the usage on a bad option', async () => {
    const { code, stderr } = await runToExit('gpserver/main.ts', ['--port', 'abc']);
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be a non-negative number');
    expect(stderr).toContain('Usage: npm run gpserver');
  });
});
