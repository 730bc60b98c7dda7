import { parseField } from './parse-field.js';
import { parseEnvelope, parseSpatialReference } from './parse-geometry.js';
import { describe, isRecord, type TypeParser } from './value-parser.js';

type Fail = (detail: string) => never;

/** Only http(s): a reference names a resource of this server by its URL, and file: or other schemes never do. */
export function parseHttpUrl(value: unknown, fail: Fail): string {
  if (typeof value !== 'string') return fail(`url must be a string, got ${describe(value)}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(`url ${describe(value)} is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail(`url must use http or https, got ${url.protocol}`);
  return value;
}

function parseItemId(value: unknown, fail: Fail): string {
  if (typeof value !== 'string' || value.trim() === '') return fail(`itemID must be a non-empty string, got ${describe(value)}`);
  return value;
}

function referenceParser(kind: string, withFormat: boolean): TypeParser {
  const expected = withFormat ? '{url, format} or {itemID}' : '{url} or {itemID}';
  return {
    encoding: 'json',
    parse(value, context) {
      if (!isRecord(value)) return context.fail(`expected a ${kind} ${expected}, got ${describe(value)}`);
      const hasUrl = value.url !== undefined && value.url !== null;
      const hasItem = value.itemID !== undefined && value.itemID !== null;
      if (hasUrl === hasItem) return context.fail(`expected a ${kind} ${expected} (exactly one of url and itemID)`);
      if (hasItem) return { itemID: parseItemId(value.itemID, context.fail) };
      const url = parseHttpUrl(value.url, context.fail);
      const format = value.format;
      if (!withFormat || format === undefined || format === null) return { url };
      if (typeof format !== 'string' || format.trim() === '')
        return context.fail(`format must be a non-empty string, got ${describe(format)}`);
      return { url, format };
    },
  };
}

export const dataFileParser = referenceParser('data file', false);
export const rasterParser = referenceParser('raster', true);

export const fieldParser: TypeParser = {
  encoding: 'json',
  parse: (value, context) => parseField(value, context.fail),
};

export const spatialReferenceParser: TypeParser = {
  encoding: 'json',
  parse: (value, context) => parseSpatialReference(value, context.fail),
};

export const envelopeParser: TypeParser = {
  encoding: 'json',
  parse: (value, context) => parseEnvelope(value, context.fail),
};
