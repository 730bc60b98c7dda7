/**
 * Trusted documents from a codegen build: `examples/gql-persisted/` (with its persisted-documents.json)
 * is what codegen-persisted.ts generates, examples/persisted-documents.ts runs against a gateway started
 * with `--trusted-documents` that manifest and `trustedDocuments.only`, and an ad-hoc operation is
 * refused on every door — except introspection where access rules allow it, and for the operators
 * named in `adHocCallers`.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen-persisted.js';
import { runPersistedDocumentsExample } from '../../examples/persisted-documents.js';
import { parseGatewayCli } from '../../gateway/cli/gateway-cli.js';
import { startEmbeddedGateway } from '../support/gateway-fixture.js';
import { DOORS, send, STREAMING, type Door } from '../gateway/persisted/doors.js';

const MANIFEST = 'examples/gql-persisted/persisted-documents.json';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** An operation of the door's kind that no client build sent. */
const adHoc = (door: Door): string => (STREAMING.has(door) ? 'subscription { jobUpdates(id: "x") { status } }' : '{ services { name } }');

async function withConfigFile<T>(content: object, use: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'gpgw-trusted-'));
  try {
    const path = join(dir, 'gateway.json');
    await writeFile(path, JSON.stringify(content));
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('trusted documents (examples/persisted-documents.ts)', () => {
  it('has a current generated gql-persisted/ and manifest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gpgw-codegen-'));
    try {
      const target = `${dir}/gql-persisted/`;
      const { 'examples/gql-persisted/': output } = config.generates as Record<string, object>;
      await generate({ ...config, generates: { [target]: output ?? {} }, silent: true }, true);
      for (const file of await readdir('examples/gql-persisted')) {
        expect(await readFile(join(target, file), 'utf8'), file).toBe(await readFile(join('examples/gql-persisted', file), 'utf8'));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('runs the build with --trusted-documents and only, and refuses ad-hoc operations on every door', async () => {
    // As README says: the flag names the manifest, the config file switches trusted-only on.
    const cli = await withConfigFile({ trustedDocuments: { only: true } }, (path) =>
      parseGatewayCli(['--config', path, '--trusted-documents', MANIFEST], {}),
    );
    expect(cli.trustedDocuments).toEqual({ file: MANIFEST, only: true });
    const { graphqlUrl } = await startEmbeddedGateway({ trustedDocuments: cli.trustedDocuments });
    expect(await runPersistedDocumentsExample(graphqlUrl, () => undefined)).toBe('SUCCEEDED');

    for (const door of DOORS) {
      const refused = await send(door, graphqlUrl, { query: adHoc(door) });
      expect(refused, door).toMatchObject({ errors: [{ extensions: { code: 'PERSISTED_QUERY_ONLY' } }] });
      if (door !== 'graphql-ws') expect(refused.status, door).toBe(400);
    }
    // Registering an ad-hoc document as an automatic persisted query is no way around it.
    const query = adHoc('plain POST');
    const registered = await send('plain POST', graphqlUrl, {
      query,
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } },
    });
    expect(registered.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    // A manifest document by its APQ hash (without the prefix), and introspection, which access rules allow here.
    const manifest = JSON.parse(await readFile(MANIFEST, 'utf8')) as Record<string, string>;
    const [id = '', document = ''] = Object.entries(manifest).find(([, text]) => text.startsWith('query')) ?? [];
    const byHash = await send('Yoga GET', graphqlUrl, {
      variables: { id: 'none' },
      extensions: { persistedQuery: { version: 1, sha256Hash: id.replace('sha256:', '') } },
    });
    // It ran: whatever the job lookup answers, it is not about the document.
    expect(byHash.errors?.[0]?.extensions?.code ?? 'ran').not.toMatch(/^PERSISTED_QUERY/);
    expect(await send('Yoga GET', graphqlUrl, { documentId: id, variables: { id: 'none' } })).toEqual(byHash);
    expect(sha256(document)).toBe(id.replace('sha256:', ''));
    const introspection = await send('plain POST', graphqlUrl, { query: '{ __schema { queryType { name } } }' });
    expect(introspection).toMatchObject({ status: 200, data: { __schema: { queryType: { name: 'Query' } } } });
  }, 30_000);

  it('lets the operators of adHocCallers send anything, and no one introspect where access rules forbid it', async () => {
    const keys = { app: 'app-key-0123456789', ops: 'ops-key-0123456789' };
    const { graphqlUrl } = await startEmbeddedGateway({
      access: { apiKeys: Object.entries(keys).map(([id, key]) => ({ id, sha256: sha256(key) })) },
      trustedDocuments: { file: MANIFEST, only: true, adHocCallers: ['ops'] },
    });
    for (const door of DOORS) {
      const app = await send(door, graphqlUrl, { query: adHoc(door), headers: { 'x-api-key': keys.app } });
      expect(app, door).toMatchObject({ errors: [{ extensions: { code: 'PERSISTED_QUERY_ONLY' } }] });
      const ops = await send(door, graphqlUrl, { query: adHoc(door), headers: { 'x-api-key': keys.ops } });
      expect(ops.errors?.[0]?.extensions?.code, door).not.toBe('PERSISTED_QUERY_ONLY');
    }
    const introspection = await send('plain POST', graphqlUrl, {
      query: '{ __schema { queryType { name } } }',
      headers: { 'x-api-key': keys.app },
    });
    expect(introspection.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
  }, 30_000);
});
