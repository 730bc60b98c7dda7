import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedSources } from '../../../gateway/cli/embedded-sources.js';
import { createGateway, type Gateway } from '../../../gateway/create-gateway.js';
import { createGpServer, type GpServer } from '../../../gpserver/server.js';

// GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/): every MUST and SHOULD
// audit of graphql-http passes, through both doors (plain JSON POSTs on node:http, and Yoga's);
// MAY audits are optional behaviour and are not run.
describe.each([
  ['the plain-POST door', true],
  ['Yoga alone', false],
])('GraphQL over HTTP conformance (graphql-http audits), %s', (_door, plainPostDoor) => {
  // One gateway for all audits (they only read): started here, not by the per-test fixture.
  let upstream: GpServer | undefined;
  let gateway: Gateway | undefined;
  let server: Server | undefined;
  let url = '';

  beforeAll(async () => {
    upstream = await createGpServer({ port: 0, host: '127.0.0.1' });
    gateway = await createGateway({ sources: embeddedSources(upstream.servicesUrl), plainPostDoor });
    server = createServer(gateway.handler);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await gateway?.dispose();
    await upstream?.close();
  });

  const audits = serverAudits({ url: () => url }).filter((audit) => !audit.name.startsWith('MAY'));
  it.each(audits.map((audit) => [`${audit.id} ${audit.name}`, audit] as const))('%s', async (_name, audit) => {
    const result = await audit.fn();
    expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
  });
});
