import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../../gateway/config/load-config.js';
import { printableConfig } from '../../../gateway/config/print-config.js';
import { configProblems } from '../../support/config-problems.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gateway-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let files = 0;
async function withFile(json: unknown): Promise<string[]> {
  const path = join(dir, `config-${files++}.json`);
  await writeFile(path, JSON.stringify(json));
  return ['--config', path];
}

const problems = configProblems;

const SERVICE = 'https://gis.example.com/arcgis/rest/services/Tools/GPServer';

describe('configuration file', () => {
  it.each([
    [
      'every option',
      {
        port: 8080,
        host: '0.0.0.0',
        services: [SERVICE, { url: SERVICE, alias: 'tools', credential: { apiKey: 'k' } }],
        servicesRoots: [{ url: 'https://gis.example.com/arcgis/rest/services', credential: { username: 'u', password: 'p' } }],
        refreshSeconds: 300,
        redisUrl: 'redis://127.0.0.1:6379',
        poll: { floorMs: 500, ceilingMs: 2000 },
        leaseMs: 5000,
        logLevel: 'warn',
        logFormat: 'json',
        uploads: { maxMb: 10, dir: '/tmp/up' },
        filesSecret: 'a-secret-of-sixteen+',
        hideUpstreamUrls: true,
        timeouts: { headersSeconds: 10, requestSeconds: 60, keepAliveSeconds: 30 },
        cors: { origins: ['https://app.example.com', 'http://localhost:5173'], credentials: true },
        runDeadlineSeconds: 30,
        resultCacheMb: 32,
        limits: { maxDepth: 20, maxSubscriptions: 5000 },
        access: {
          apiKeys: [{ id: 'batch', sha256: 'a'.repeat(64) }],
          jwt: {
            jwksUrl: 'https://login.example.com/keys',
            issuer: 'https://login.example.com/',
            audience: ['api://gw'],
            callerClaim: 'oid',
          },
          operationsPerMinute: 600,
          subscriptionsPerCaller: 50,
          concurrentJobsPerCaller: 10,
          introspection: false,
        },
        drainTimeoutSeconds: 20,
        drainDelaySeconds: 5,
      },
    ],
    [
      'JWT callers alone, with a per-caller limit',
      { access: { jwt: { jwksUrl: 'http://127.0.0.1:1/k', issuer: 'i', audience: 'a' }, operationsPerMinute: 60 } },
    ],
    ['an empty object', {}],
    ['a token credential', { services: [{ url: SERVICE, credential: { token: 't' } }] }],
    ['any origin', { cors: { origins: ['*'] } }],
  ])('should accept %s', async (_name, json) => {
    expect(await problems(await withFile(json))).toEqual([]);
  });

  it.each([
    ['a misspelt key (the old silent fallback to the demo)', { service: [SERVICE] }, /config file .*: unknown key "service"/],
    ['an unknown nested key', { cors: { origin: ['https://a.example'] } }, /cors: unknown key "origin"/],
    ['a port out of range', { port: 70000 }, /port: Too big/],
    ['a port as text', { port: '80' }, /port: Invalid input: expected number, received string/],
    ['a service that is not a URL', { services: ['gis.example.com/GPServer'] }, /services\.0: must be an http\(s\) URL/],
    [
      'a credential of no known kind',
      { services: [{ url: SERVICE, credential: { key: 'x' } }] },
      /services\.0: must be a GPServer URL or \{"url"/,
    ],
    [
      'an origin with a path',
      { cors: { origins: ['https://app.example.com/page'] } },
      /cors\.origins\.0: must be "\*" or an origin such as https:\/\/app\.example\.com/,
    ],
    ['a poll ceiling below its floor', { poll: { floorMs: 2000, ceilingMs: 500 } }, /poll\.ceilingMs: ceilingMs must not be below floorMs/],
    ['a negative lease', { leaseMs: -1 }, /leaseMs: Too small/],
    ['a log level that does not exist', { logLevel: 'loud' }, /logLevel: Invalid option/],
    ['a short files secret', { filesSecret: 'short' }, /filesSecret: must be at least 16 characters/],
    ['a redis URL of another scheme', { redisUrl: 'http://127.0.0.1:6379' }, /redisUrl: must be a redis:\/\/ or rediss:\/\/ URL/],
    ['a limit of zero', { limits: { maxDepth: 0 } }, /limits\.maxDepth: Too small/],
    ['an array instead of an object', [], /the configuration must be a JSON object/],
    [
      'a per-caller limit without keys (one bucket for everyone)',
      { access: { operationsPerMinute: 60 } },
      /access: operationsPerMinute, concurrentJobsPerCaller and subscriptionsPerCaller count per caller: they need access.apiKeys or access.jwt/,
    ],
    [
      'a JWKS address that is not a URL',
      { access: { jwt: { jwksUrl: 'login.example.com/keys', issuer: 'i', audience: 'a' } } },
      /access\.jwt\.jwksUrl: must be the http\(s\) URL of the identity provider's JWKS/,
    ],
    [
      'a JWT setting without its audience',
      { access: { jwt: { jwksUrl: 'https://l.example/k', issuer: 'i' } } },
      /access\.jwt\.audience: Invalid input/,
    ],
  ])('should refuse %s, naming the key', async (_name, json, message) => {
    const argv = await withFile(json);
    const found = await problems(argv).catch((error: unknown) => [String(error)]);
    expect(found.join('\n')).toMatch(message);
  });

  it('should list every problem at once', async () => {
    expect(await problems(await withFile({ port: -1, logLevel: 'loud', extra: 1 }))).toHaveLength(3);
  });
});

describe('precedence', () => {
  it('should take flags over the environment over the file over defaults, and add up sources', async () => {
    const argv = await withFile({
      port: 1111,
      host: '0.0.0.0',
      logLevel: 'warn',
      services: [SERVICE],
      cors: { origins: ['https://file.example'], credentials: true },
    });
    const { config } = await loadGatewayConfig([...argv, '--port', '3333', '--service', `${SERVICE}#flag`], {
      PORT: '2222',
      GP_LOG_LEVEL: 'error',
      GP_CORS_ORIGINS: 'https://env.example, http://localhost:5173',
    });
    expect(config).toMatchObject({
      port: 3333,
      host: '0.0.0.0',
      logLevel: 'error',
      cors: { origins: ['https://env.example', 'http://localhost:5173'], credentials: true },
    });
    expect(config.services).toEqual([`${SERVICE}#flag`, SERVICE]);
    expect((await loadGatewayConfig([], {})).config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      logLevel: 'info',
      logFormat: 'auto',
      services: [],
    });
  });

  it('should name the flag or variable a bad value came from', async () => {
    expect(await problems(['--cors-origin', 'app.example'])).toEqual([
      expect.stringMatching(/^flag --cors-origin: cors\.origins\.0: must be/),
    ]);
    expect(await problems([], { PORT: 'eighty' })).toEqual([expect.stringMatching(/^environment PORT: port: Invalid input/)]);
    expect(await problems(['--poll', '900,100'])).toEqual([expect.stringMatching(/^flag --poll: poll\.ceilingMs/)]);
  });
});

describe('--print-config', () => {
  it('should show the effective configuration with every secret redacted', async () => {
    const argv = await withFile({
      servicesRoots: ['https://gis.example.com/arcgis/rest/services?token=url-token-secret'],
      services: [
        { url: SERVICE, credential: { username: 'u', password: 'hunter2-password' } },
        { url: `${SERVICE}2`, credential: { apiKey: 'AAPK-secret' } },
        { url: `${SERVICE}3`, credential: { clientId: 'app-id', clientSecret: 'app-client-secret', federated: true } },
      ],
      filesSecret: 'a-secret-of-sixteen+',
      redisUrl: 'redis://:redis-pass@127.0.0.1:6379/?password=query-pass',
    });
    const loaded = await loadGatewayConfig([...argv, '--print-config'], {});
    expect(loaded.printConfig).toBe(true);
    const text = printableConfig(loaded.config);
    for (const secret of [
      'hunter2-password',
      'AAPK-secret',
      'app-client-secret',
      'a-secret-of-sixteen+',
      'redis-pass',
      'query-pass',
      'url-token-secret',
    ])
      expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({
      services: [
        { credential: { username: 'u', password: '[redacted]' } },
        { credential: { apiKey: '[redacted]' } },
        { credential: { clientId: 'app-id', clientSecret: '[redacted]', federated: true } },
      ],
      filesSecret: '[redacted]',
    });
  });
});

describe('job deadlines', () => {
  it('should take a default and a maximum from flags or file, and refuse a default past the maximum', async () => {
    const { config } = await loadGatewayConfig(['--job-deadline', '600', '--max-job-deadline', '3600'], {});
    expect(config.deadlines).toEqual({ defaultSeconds: 600, maxSeconds: 3600 });
    expect((await loadGatewayConfig(await withFile({ deadlines: { maxSeconds: 60 } }), {})).config.deadlines).toEqual({ maxSeconds: 60 });
    expect(await problems(['--job-deadline', '600', '--max-job-deadline', '60'])).toEqual([
      expect.stringContaining('may not exceed deadlines.maxSeconds'),
    ]);
    expect((await problems(['--job-deadline', '0'])).join()).toMatch(/deadlines\.defaultSeconds|--job-deadline/);
  });
});

describe('trusted documents', () => {
  it('should take the manifest from the flag and trusted-only from the file, and want a manifest once merged', async () => {
    const file = await withFile({ trustedDocuments: { only: true } });
    expect((await loadGatewayConfig([...file, '--trusted-documents', 'manifest.json'], {})).config.trustedDocuments).toEqual({
      file: 'manifest.json',
      only: true,
    });
    expect(await problems(file)).toEqual([expect.stringContaining('trustedDocuments needs the manifest')]);
  });
});
