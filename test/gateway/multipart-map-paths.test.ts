/**
 * Hostile `map` fields of GraphQL multipart requests: a path may only name a null the client put in
 * its own `operations` JSON — never an inherited property — and a file mapped onto a variable of
 * another type is an ordinary request error that names the file, not where the server keeps it.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, startEmbeddedGateway } from '../support/gateway-fixture.js';

let uploadDir = '';
beforeAll(async () => {
  uploadDir = await mkdtemp(join(tmpdir(), 'gateway-map-paths-'));
});
afterAll(async () => {
  await rm(uploadDir, { recursive: true, force: true });
});

const UPLOAD = 'mutation ($service: String!, $f: Upload!) { uploadItem(service: $service, file: $f) { itemId } }';

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly body: { errors?: { message: string; extensions?: Record<string, unknown> }[]; data?: unknown };
}

async function post(graphqlUrl: string, operations: unknown, map: unknown): Promise<Answer> {
  const form = new FormData();
  form.set('operations', JSON.stringify(operations));
  form.set('map', JSON.stringify(map));
  form.set('0', new File(['name,lon,lat\nA,1,2\n'], 'cities.csv', { type: 'text/csv' }));
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'graphql-preflight': '1', accept: 'application/graphql-response+json' },
    body: form,
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as Answer['body'] };
}

describe('multipart map paths', () => {
  it.each([
    '__proto__',
    '__proto__.__proto__',
    'variables.__proto__',
    'variables.__proto__.__proto__',
    'variables.f.__proto__',
    'constructor',
    'constructor.prototype',
    'constructor.prototype.__proto__',
    'variables.constructor.prototype.__proto__',
    'prototype',
    'variables.prototype',
    '0.variables.f',
  ])("should refuse the path '%s' with a 400 naming it, and change nothing", async (path) => {
    const { graphqlUrl, upstream } = await startEmbeddedGateway({ uploadDir });
    const answer = await post(graphqlUrl, { query: UPLOAD, variables: { service: 'Conversion/TableToPoints', f: null } }, { 0: [path] });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      { message: `The map path '${path}' does not name a null in operations.`, extensions: { code: 'UPLOAD_REFUSED' } },
    ]);
    expect(Object.getPrototypeOf(Object.prototype)).toBeNull();
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(upstream.requests.count('upload')).toBe(0);
    expect((await graphql(graphqlUrl, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    expect(await readdir(uploadDir)).toEqual([]);
  });

  it("should keep an own '__proto__' key of the operations a plain value, not a prototype", async () => {
    const { graphqlUrl } = await startEmbeddedGateway({ uploadDir });
    const operations = JSON.parse('{"query": "{ __typename }", "variables": {"__proto__": null}}') as unknown;
    const answer = await post(graphqlUrl, operations, { 0: ['variables.__proto__'] });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { __typename: 'Query' } });
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it.each([
    ['a String variable', UPLOAD, { service: null, f: null }, ['variables.service', 'variables.f'], 'String cannot represent'],
    ['an ID variable', 'query ($id: ID!) { job(id: $id) { id } }', { id: null }, ['variables.id'], 'ID cannot represent'],
  ])(
    'should answer a file mapped onto %s with a 400 that names the file, never its path on disk',
    async (_name, query, variables, paths, why) => {
      const { graphqlUrl, upstream } = await startEmbeddedGateway({ uploadDir });
      const answer = await post(graphqlUrl, { query, variables }, { 0: paths });
      expect(answer.status).toBe(400);
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors?.[0]?.message).toContain(why);
      expect(answer.body.errors?.[0]?.message).toContain('Upload "cities.csv"');
      expect(answer.text).not.toContain(uploadDir);
      expect(answer.text).not.toContain(tmpdir());
      expect(answer.text).not.toMatch(/"path"|Unexpected error/);
      expect(upstream.requests.count('upload')).toBe(0);
    },
  );
});
