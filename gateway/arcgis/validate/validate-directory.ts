/**
 * A services directory listing, `…/rest/services[/<folder>]?f=json`: `folders` and
 * `services[{ name: 'Folder/Name', type }]` (https://developers.arcgis.com/rest/services-reference/enterprise/catalog.htm).
 */
import { asObject, asString, childAt, optionalArray, requiredString, rootAt } from './json-reader.js';

export interface DirectoryListing {
  readonly folders: readonly string[];
  readonly services: readonly { readonly name: string; readonly type: string }[];
}

export function validateDirectory(json: unknown, url: string): DirectoryListing {
  const at = rootAt(url, 'services directory');
  const obj = asObject(json, at);
  const folders = (optionalArray(obj, 'folders', at) ?? []).map((f, i) => asString(f, childAt(childAt(at, 'folders'), i)));
  const services = (optionalArray(obj, 'services', at) ?? []).map((s, i) => {
    const item = childAt(childAt(at, 'services'), i);
    const service = asObject(s, item);
    return { name: requiredString(service, 'name', item), type: requiredString(service, 'type', item) };
  });
  return { folders, services };
}
