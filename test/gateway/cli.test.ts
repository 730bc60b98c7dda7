import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runToExit, startChild, stopChild } from '../support/child-process.js';
import { graphql, subscribeSse } from '../support/gateway-fixture.js';
import { startGpServer } from '../support/gp-server-fixture.js';
import { startOtlpReceiver } from '../support/otlp-receiver.js';

describe('command line', () => {
  it('should print the SDL of a GPServer URL, sorted', async () => {
    const upstream = await startGpServer();
    const { code, stdout } = await runToExit('gateway/sdl.ts', ['--service', `${upstream.servicesUrl}/GPFolder/BufferService/GPServer`]);
    expect(code).toBe(0);
    expect(stdout).toContain('runBuffer(input: BufferInput!, options: GPOptions): BufferResult!');
    expect(stdout.indexOf('enum ArealUnit')).toBeLessThan(stdout.indexOf('input BufferInput'));
  });

  it("should print Apollo's possibleTypes with --possible-types, and quote the live run deadline in the SDL", async () => {
    const upstream = await startGpServer();
    const service = [
      '--service',
      `${upstream.servicesUrl}/Analysis/ElevationStatistics/GPServer`,
      '--service',
      `${upstream.servicesUrl}/WorldViewshed/GPServer`,
    ];
    const types = await runToExit('gateway/sdl.ts', [...service, '--possible-types']);
    expect(types.code).toBe(0);
    expect(JSON.parse(types.stdout)).toEqual({
      GPJob: ['ElevationStatisticsJob', 'ViewshedJob', 'Workflow'],
      Node: ['ElevationStatisticsJob', 'ViewshedJob', 'Workflow'],
      WorkflowStepResults: ['ElevationStatisticsOutputs', 'ViewshedOutputs'],
    });
    const sdl = await runToExit('gateway/sdl.ts', service);
    expect(sdl.stdout).toContain('at most 60 s');
    expect(sdl.stdout).not.toContain('at most 0 s');
    const shorter = await runToExit('gateway/sdl.ts', [...service, '--run-deadline', '5']);
    expect(shorter.stdout).toContain('at most 5 s');
  });

  it('should exit non-zero with a clear message when a source cannot be read', async () => {
    const { code, stderr, stdout } = await runToExit('gateway/sdl.ts', [
      '--service',
      'http://127.0.0.1:9/arcgis/rest/services/Nope/GPServer',
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('Cannot read http://127.0.0.1:9/arcgis/rest/services/Nope/GPServer');
    expect(stdout).toBe('');
  });

  it('should start the gateway over the embedded GPServer without any source flag', async () => {
    const { child, match } = await startChild('gateway/main.ts', ['--port', '0', '--log-level', 'silent'], /GraphQL gateway at (\S+)\n/);
    try {
      const response = await fetch(match[1] ?? '', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ services { name status } }' }),
      });
      const body = (await response.json()) as { data: { services: { status: string }[] } };
      expect(body.data.services).toHaveLength(8);
      expect(body.data.services.every((s) => s.status === 'OK')).toBe(true);
    } finally {
      await stopChild(child);
    }
  });

  it('should refuse unknown flags with the usage', async () => {
    const { code, stderr } = await runToExit('gateway/main.ts', ['--bogus']);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: npm start');
  });

  it('should stop with 2 and name the key of a configuration it cannot start with, instead of fronting the demo', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gateway-cli-'));
    const config = join(dir, 'gateway.json');
    // A typo ("service") and a value of the wrong kind: both ignored before, and the embedded demo started.
    await writeFile(
      config,
      JSON.stringify({
        service: ['https://gis.example.com/arcgis/rest/services/T/GPServer'],
        cors: { origins: 'https://app.example.com' },
      }),
    );
    const { code, stderr, stdout } = await runToExit('gateway/main.ts', ['--config', config, '--port', '0']);
    await rm(dir, { recursive: true, force: true });
    expect(code).toBe(2);
    expect(stderr).toContain('unknown key "service"');
    expect(stderr).toContain('cors.origins: Invalid input: expected array, received string');
    expect(stdout).toBe('');
  });

  it('should print the effective configuration with secrets redacted', async () => {
    const { code, stdout } = await runToExit(
      'gateway/main.ts',
      ['--print-config', '--files-secret', 'sixteen-characters!', '--cors-origin', 'http://localhost:5173'],
      {
        PORT: '4100',
      },
    );
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as Record<string, unknown>;
    expect(printed).toMatchObject({
      port: 4100,
      filesSecret: '[redacted]',
      cors: { origins: ['http://localhost:5173'], credentials: false },
    });
    expect(stdout).not.toContain('sixteen-characters!');
  });

  it('should drain on SIGTERM: subscribers told to reconnect, then exit 0', async () => {
    const { child, match } = await startChild('gateway/main.ts', ['--port', '0', '--log-level', 'silent'], /GraphQL gateway at (\S+)\n/);
    const graphqlUrl = match[1] ?? '';
    const submitted = await graphql<{ submitElevationStatisticsJob: { id: string } }>(
      graphqlUrl,
      'mutation { submitElevationStatisticsJob(input: { bandCount: 3, stepDelayMs: 5000 }) { id } }',
    );
    const events = subscribeSse(graphqlUrl, 'subscription ($id: ID!) { jobUpdates(id: $id) { status } }', {
      id: submitted.data?.submitElevationStatisticsJob.id,
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill('SIGTERM');
    expect((await events).at(-1)?.errors?.[0]?.extensions?.code).toBe('SHUTTING_DOWN');
    expect(await exited).toBe(0);
  });

  it('should export traces to --otel-endpoint, the last ones sent before the exit', async () => {
    const receiver = await startOtlpReceiver();
    const { child, match } = await startChild(
      'gateway/main.ts',
      ['--port', '0', '--log-level', 'silent', '--otel-endpoint', receiver.endpoint],
      /GraphQL gateway at (\S+)\n/,
    );
    expect((await graphql(match[1] ?? '', 'query Names { services { name } }')).errors).toBeUndefined();
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const version = (JSON.parse(await readFile('package.json', 'utf8')) as { version: string }).version;
    expect(receiver.spans.find((span) => span.name === 'query Names')?.resource).toEqual({
      'service.name': 'gp-graphql-gateway',
      'service.version': version,
    });
  });
});
