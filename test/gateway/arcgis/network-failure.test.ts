/**
 * A connection that fails is reported by its code and a phrase, on every way the REST client sends
 * (undici for queries and forms, node:http for uploads, fetch for files): Node's own text, which names
 * the address it tried, stays the error's cause for the log and never reaches the message.
 */
import { describe, expect, it } from 'vitest';
import { causeChainText, networkFailure } from '../../../gateway/arcgis/network-failure.js';
import { createRestClient, type RestClient } from '../../../gateway/arcgis/rest-client.js';
import { withoutUpstreamHosts } from '../../../core/private-upstream.js';
import { failureWithout } from './expect-gateway-error.js';
import { closedPort } from './http-stub.js';

const TOKEN = 'sEcReT-t0ken.value';

const SENDS: [string, (client: RestClient, url: string) => Promise<unknown>][] = [
  ['a query (undici)', (client, url) => client.getJson(url, { token: TOKEN })],
  ['a form (undici)', (client, url) => client.postForm(url, { token: TOKEN, a: 1 })],
  ['an upload (node:http)', (client, url) => client.postForm(url, { token: TOKEN, file: new Blob(['a,b\n']) })],
  [
    'a file (fetch)',
    async (client, url) => {
      await client.getFile(`${url}?token=${TOKEN}`);
    },
  ],
];

/** Where each unreachable upstream is, and what may be said of it. */
const PLACES: [string, () => Promise<{ url: string; address: RegExp; said: RegExp }>][] = [
  [
    'a closed port on loopback',
    async () => {
      const port = await closedPort();
      return {
        url: `http://127.0.0.1:${port}/arcgis/rest/services/Tools/GPServer/Buffer/execute`,
        address: new RegExp(`127\\.0\\.0\\.1|:${port}\\b|localhost`),
        said: /: connection refused \(ECONNREFUSED\)$/,
      };
    },
  ],
  [
    'an unresolvable name',
    () =>
      Promise.resolve({
        url: 'http://gpserver.invalid:6080/arcgis/rest/services/Tools/GPServer/Buffer/execute',
        address: /gpserver\.invalid|:6080\b/,
        // A resolver that cannot be asked at all answers EAI_AGAIN.
        said: /: host name (?:not found \(ENOTFOUND\)|lookup failed for now \(EAI_AGAIN\))$/,
      }),
  ],
];

describe('connection failures', () => {
  describe.each(PLACES)('to %s', (_place, where) => {
    it.each(SENDS)('should name the code, never the address, for %s, and keep the address in the cause', async (_send, send) => {
      const { url, address, said } = await where();
      const error = await failureWithout(TOKEN, send(createRestClient({ timeoutMs: 5_000 }), url));
      expect(error.code).toBe('UPSTREAM_UNREACHABLE');
      expect(error.info.url).toBe(url);
      expect(error.message).toMatch(said);
      expect(error.message.replace(url, '')).not.toMatch(address);
      expect(causeChainText(error.cause)).toMatch(address);
    });
  });

  it.each([
    [
      'an AggregateError of attempts',
      new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:6080'), { code: 'ECONNREFUSED' })]),
    ],
    [
      'a TLS failure',
      Object.assign(new Error("Hostname/IP does not match certificate's altnames: Host: gis.internal"), {
        code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      }),
    ],
    ['an unknown code', Object.assign(new Error('connect EWHATEVER 10.0.0.7:6443'), { code: 'EWHATEVER' })],
    ['no code', new Error('socket hang up at 10.0.0.7:6443')],
    ['a code that is not one', Object.assign(new Error('x'), { code: 'see 10.0.0.7:6443' })],
  ])('should say nothing of the address for %s', (_case, error) => {
    const text = networkFailure(new TypeError('fetch failed', { cause: error }));
    expect(text).toMatch(/^(?:connection refused|TLS handshake failed|connection failed)(?: \([A-Z_]+\))?$/);
    expect(text).not.toMatch(/10\.0\.0\.7|::1|gis\.internal|6443|6080/);
  });
});

describe('upstream hosts outside URLs', () => {
  it.each([
    ['connect ECONNREFUSED 127.0.0.1:5812', 'connect ECONNREFUSED [upstream]'],
    ['an IPv4 literal 10.0.0.7 ends a sentence at 10.0.0.7.', 'an IPv4 literal [upstream] ends a sentence at [upstream].'],
    ['connect ECONNREFUSED ::1:6080', 'connect ECONNREFUSED [upstream]'],
    ['[::1]:6080 and [fe80::1]', '[upstream] and [upstream]'],
    ['2001:db8:0:0:0:0:0:1 and ::ffff:10.0.0.1', '[upstream] and [upstream]'],
    ['gis.internal:6443 and localhost:6080', '[upstream] and [upstream]'],
    ['see http://10.0.0.7:6443/arcgis/rest/services/Tools', 'see [upstream]/Tools'],
  ])('should take out %j', (text, expected) => {
    expect(withoutUpstreamHosts(text)).toBe(expected);
  });

  it.each([
    'Start Time: Thu Jan 1 12:30:45 2024',
    'version 10.8.1 of 11.3, elapsed 0.01 seconds',
    'Foo::Bar and a :: b',
    'POST [upstream]/Tools/GPServer/Buffer/execute failed while connecting: connection refused (ECONNREFUSED)',
  ])('should leave %j as it is', (text) => {
    expect(withoutUpstreamHosts(text)).toBe(text);
  });
});
