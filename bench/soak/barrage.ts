/** Hostile and broken client input, as a soak sends it; each request's HTTP status is what counts. */

const VALID = [
  '{ services { name tasks { runField } } }',
  'mutation { runBuffer(input: {inputFeatures: {geoJson: {type: "Point", coordinates: [1, 2]}}, distance: {distance: 1, units: KILOMETERS}}) { messages { description } } }',
  'query ($id: ID!) { job(id: $id) { status } }',
];

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** One hostile request: mutated operations, deep nesting, huge documents, broken bodies and query strings. */
export function hostileRequest(graphqlUrl: string, random: () => number): { url: string; init: RequestInit } {
  const json = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  const kind = Math.floor(random() * 7);
  const base = pick(VALID, random);
  const at = Math.floor(random() * base.length);
  switch (kind) {
    case 0:
      return {
        url: graphqlUrl,
        init: {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ query: base.slice(0, at) + pick(['{', '}', '$', '"', '(', '...', '@x'], random) + base.slice(at + 1) }),
        },
      };
    case 1:
      return {
        url: graphqlUrl,
        init: { method: 'POST', headers: json, body: JSON.stringify({ query: `{ ${'a { '.repeat(3_000)}b${' }'.repeat(3_000)} }` }) },
      };
    case 2:
      return {
        url: graphqlUrl,
        init: { method: 'POST', headers: json, body: JSON.stringify({ query: `{ services { ${'name '.repeat(40_000)}} }` }) },
      };
    case 3:
      return { url: graphqlUrl, init: { method: 'POST', headers: json, body: `{"query": "${base.slice(0, at)}` } };
    case 4:
      return { url: `${graphqlUrl}?query={__typename}&variables={}x`, init: { headers: { accept: 'application/graphql-response+json' } } };
    case 5:
      return {
        url: graphqlUrl,
        init: {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ query: VALID[2], variables: { id: 'x'.repeat(Math.floor(random() * 5_000)) } }),
        },
      };
    default:
      return {
        url: graphqlUrl,
        init: {
          method: 'POST',
          headers: { 'content-type': 'multipart/form-data; boundary=b', 'graphql-preflight': '1' },
          body: `--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"${base}"`,
        },
      };
  }
}
