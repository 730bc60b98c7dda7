import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createLogger } from '../../gateway/log/pino-logger.js';
import { startEmbeddedGateway, type GraphQLResponse } from '../support/gateway-fixture.js';
import { ManualClock } from '../support/manual-clock.js';

const ISSUER = 'https://login.example.test/tenant-1/';
const AUDIENCE = 'api://gp-graphql-gateway';
const KEY = 'gpgw_live_3f9c1e7a52b84d06';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** An identity provider's JWKS endpoint on loopback, counting its requests. */
async function jwksServer(keys: JWK[]): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`, requests: () => requests };
}

async function signer(
  kid: string,
): Promise<{ jwk: JWK; sign: (claims: Record<string, unknown>, nowMs: number) => Promise<string>; privateKey: () => Promise<unknown> }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const sign = (claims: Record<string, unknown>, nowMs: number): Promise<string> =>
    new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: 'alice', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuedAt(Math.floor(nowMs / 1000))
      .setExpirationTime(Math.floor(nowMs / 1000) + 3600)
      .sign(privateKey);
  return { jwk, sign, privateKey: () => Promise.resolve(privateKey) };
}

async function post(
  url: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: GraphQLResponse }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse };
}

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

describe('JWT callers', () => {
  it('should admit a token of the identity provider and refuse a forged, foreign, expired or missing one', async () => {
    const clock = new ManualClock({ start: Date.parse('2026-11-29T12:00:00Z') });
    const provider = await signer('key-1');
    const forger = await signer('key-1');
    const jwks = await jwksServer([provider.jwk]);
    const lines: string[] = [];
    const upstreamRequests: string[] = [];
    const { graphqlUrl } = await startEmbeddedGateway({
      clock,
      access: { jwt: { jwksUrl: jwks.url, issuer: ISSUER, audience: AUDIENCE } },
      log: createLogger('debug', (line) => lines.push(line)),
      fetch: (input, init) => {
        upstreamRequests.push(JSON.stringify({ url: String(input instanceof Request ? input.url : input), init }));
        return fetch(input, init);
      },
    });
    const now = clock.now();
    const good = await provider.sign({}, now);

    const none = await post(graphqlUrl, '{ __typename }');
    expect(none.status).toBe(401);
    expect(none.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);

    const admitted = await post(graphqlUrl, '{ services { name } }', bearer(good));
    expect(admitted.status).toBe(200);
    expect(admitted.body.data).toMatchObject({ services: expect.any(Array) });

    const refusals: [string, string, RegExp][] = [
      ['forged (same kid, another key)', await forger.sign({}, now), /signature does not verify/],
      ['another audience', await provider.sign({ aud: 'api://someone-else' }, now), /claim "aud"/],
      ['another issuer', await provider.sign({ iss: 'https://evil.example.test/' }, now), /claim "iss"/],
      ['no subject', await provider.sign({ sub: undefined }, now), /no "sub" claim/],
      ['not a JWT', 'not.a.jwt', /not a well-formed JWT/],
    ];
    for (const [what, token, message] of refusals) {
      const refused = await post(graphqlUrl, '{ __typename }', bearer(token));
      expect(refused.status, what).toBe(401);
      expect(refused.body.errors?.[0]?.message, what).toMatch(message);
    }

    // The gateway's clock, not the wall's, decides expiry (30 s of tolerance for the provider's clock).
    await clock.advance(3_600_000 + 31_000);
    const expired = await post(graphqlUrl, '{ __typename }', bearer(good));
    expect(expired.status).toBe(401);
    expect(expired.body.errors?.[0]?.message).toMatch(/expired/);
    expect((await post(graphqlUrl, '{ __typename }', bearer(await provider.sign({}, clock.now())))).status).toBe(200);

    // The keys were fetched once for all of the above.
    expect(jwks.requests()).toBe(1);
    // The caller's JWT is the gateway's business: it never travels upstream, and never reaches a log.
    expect(upstreamRequests.length).toBeGreaterThan(0);
    for (const token of [good, refusals[0]?.[1] ?? '']) {
      expect(upstreamRequests.join('\n')).not.toContain(token);
      expect(lines.join('\n')).not.toContain(token);
    }
  });

  it('should admit a graphql-ws connection by the JWT in connection_init, and refuse one without', async () => {
    const provider = await signer('key-ws');
    const jwks = await jwksServer([provider.jwk]);
    const { origin } = await startEmbeddedGateway({ access: { jwt: { jwksUrl: jwks.url, issuer: ISSUER, audience: AUDIENCE } } });
    const connect = (connectionParams: Record<string, unknown>): Promise<{ result?: unknown; closed?: number }> =>
      new Promise((resolve) => {
        const client = createClient({
          url: `${origin.replace(/^http/, 'ws')}/graphql`,
          webSocketImpl: WebSocket,
          retryAttempts: 0,
          connectionParams,
          on: {
            closed: (event) => {
              resolve({ closed: (event as { code: number }).code });
            },
          },
        });
        client.subscribe(
          { query: '{ __typename }' },
          {
            next: (result) => {
              resolve({ result });
              void client.dispose();
            },
            error: () => undefined,
            complete: () => undefined,
          },
        );
      });
    expect(await connect({ authorization: `Bearer ${await provider.sign({}, Date.now())}` })).toEqual({
      result: { data: { __typename: 'Query' } },
    });
    expect(await connect({})).toEqual({ closed: 4403 });
    expect(await connect({ authorization: `Bearer ${await provider.sign({ aud: 'x' }, Date.now())}` })).toEqual({ closed: 4403 });
  });

  it('should take API keys and JWTs side by side, pass an ArcGIS token only from X-Esri-Authorization, and limit each caller', async () => {
    const provider = await signer('key-2');
    const jwks = await jwksServer([provider.jwk]);
    const upstreamRequests: string[] = [];
    const { graphqlUrl } = await startEmbeddedGateway({
      access: {
        apiKeys: [{ id: 'batch', sha256: createHash('sha256').update(KEY).digest('hex') }],
        jwt: { jwksUrl: jwks.url, issuer: ISSUER, audience: [AUDIENCE, 'api://other'], callerClaim: 'oid' },
        operationsPerMinute: 2,
      },
      fetch: (input, init) => {
        upstreamRequests.push(JSON.stringify({ url: String(input instanceof Request ? input.url : input), init }));
        return fetch(input, init);
      },
    });
    const alice = await provider.sign({ oid: 'oid-alice' }, Date.now());
    const bob = await provider.sign({ oid: 'oid-bob' }, Date.now());
    const run = '{ __typename }';
    const arcgisToken = 'arcgis-user-token-7c1d';
    const withArcgis = { ...bearer(alice), 'x-esri-authorization': `Bearer ${arcgisToken}` };
    const stats = 'mutation { runElevationStatistics(input: { bandCount: 2, stepDelayMs: 0 }) { status } }';
    expect((await post(graphqlUrl, stats, withArcgis)).body.data).toEqual({ runElevationStatistics: { status: 'SUCCEEDED' } });
    expect(upstreamRequests.join('\n')).toContain(arcgisToken);
    // With JWT callers, `Authorization` alone is no ArcGIS token: the run goes upstream without one.
    expect((await post(graphqlUrl, stats, bearer(bob))).body.data).toEqual({ runElevationStatistics: { status: 'SUCCEEDED' } });
    expect(upstreamRequests.join('\n')).not.toContain(alice);
    expect(upstreamRequests.join('\n')).not.toContain(bob);

    expect((await post(graphqlUrl, run, bearer(alice))).status).toBe(200);
    const limited = await post(graphqlUrl, run, bearer(alice));
    expect(limited.status).toBe(429);
    expect(limited.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    // Another subject of the same provider (one left), and an API key, have buckets of their own.
    expect((await post(graphqlUrl, run, bearer(bob))).status).toBe(200);
    expect((await post(graphqlUrl, run, { 'x-api-key': KEY })).status).toBe(200);
    // A wrong key is refused even beside a good token: the mistake shows.
    expect((await post(graphqlUrl, run, { 'x-api-key': 'wrong', ...bearer(bob) })).status).toBe(401);
  });

  it('should answer 503 AUTH_PROVIDER_UNAVAILABLE, not 401, while the identity provider cannot be reached', async () => {
    const provider = await signer('key-3');
    const closed = await jwksServer([]);
    servers.pop()?.close();
    const { graphqlUrl } = await startEmbeddedGateway({ access: { jwt: { jwksUrl: closed.url, issuer: ISSUER, audience: AUDIENCE } } });
    const answer = await post(graphqlUrl, '{ __typename }', bearer(await provider.sign({}, Date.now())));
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'AUTH_PROVIDER_UNAVAILABLE', retryAfter: 5 });
  });

  it('should close a graphql-ws connection when its JWT expires, with 4403 (on which clients reconnect with a fresh token)', async () => {
    const clock = new ManualClock({ start: Date.parse('2026-11-29T12:00:00Z') });
    const provider = await signer('key-4');
    const jwks = await jwksServer([provider.jwk]);
    const { origin } = await startEmbeddedGateway({ clock, access: { jwt: { jwksUrl: jwks.url, issuer: ISSUER, audience: AUDIENCE } } });
    const clients: { dispose(): Promise<void> | void }[] = [];
    const open = async (lifetimeSeconds: number): Promise<{ closes: number[] }> => {
      const token = await new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: 'carol' })
        .setProtectedHeader({ alg: 'RS256', kid: 'key-4' })
        .setExpirationTime(Math.floor(clock.now() / 1000) + lifetimeSeconds)
        .sign((await provider.privateKey()) as Parameters<SignJWT['sign']>[0]);
      const closes: number[] = [];
      await new Promise<void>((resolve) => {
        clients.push(
          createClient({
            url: `${origin.replace(/^http/, 'ws')}/graphql`,
            webSocketImpl: WebSocket,
            retryAttempts: 0,
            lazy: false,
            onNonLazyError: () => undefined,
            connectionParams: { authorization: `Bearer ${token}` },
            on: {
              connected: () => {
                resolve();
              },
              closed: (event) => closes.push((event as { code: number }).code),
            },
          }),
        );
      });
      return { closes };
    };
    const short = await open(60);
    const long = await open(3600);
    await clock.advance(59_000);
    expect(short.closes).toEqual([]);
    await clock.advance(2_000);
    await expect.poll(() => short.closes).toEqual([4403]);
    expect(long.closes).toEqual([]);
    for (const client of clients) await client.dispose();
  });
});
