import type { ExecuteResult } from '../../resolvers/execute-result.js';
import type { GpMessageShape } from '../../resolvers/views.js';
import { childAt, invalid, isObject, rootAt, type At } from './validate/json-reader.js';

function readMessages(json: unknown, at: At): GpMessageShape[] {
  if (json === undefined) return [];
  if (!Array.isArray(json)) throw invalid(at, 'an array of messages', json);
  return json.map((m: unknown, i) => {
    const here = childAt(at, i);
    if (!isObject(m) || typeof m.description !== 'string') throw invalid(here, '{type, description}', m);
    return { type: typeof m.type === 'string' ? m.type : 'esriJobMessageTypeInformative', description: m.description };
  });
}

/**
 * The answer of `execute`: `{results: [{paramName, dataType, value}], messages: [{type, description}]}`
 * (https://developers.arcgis.com/rest/services-reference/enterprise/execute-gp-task.htm), validated once.
 */
export function readExecuteResponse(json: unknown, url: string): ExecuteResult {
  const at = rootAt(url, 'execute result');
  if (!isObject(json)) throw invalid(at, 'an object', json);
  const resultsAt = childAt(at, 'results');
  if (!Array.isArray(json.results)) throw invalid(resultsAt, 'an array of results', json.results);
  const values = new Map<string, unknown>();
  json.results.forEach((r: unknown, i) => {
    if (!isObject(r) || typeof r.paramName !== 'string') throw invalid(childAt(resultsAt, i), '{paramName, dataType, value}', r);
    values.set(r.paramName, r.value);
  });
  return { values, messages: readMessages(json.messages, childAt(at, 'messages')) };
}
