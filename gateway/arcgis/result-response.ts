import { childAt, invalid, isObject, rootAt } from './validate/json-reader.js';

/** A job result parameter: `{paramName, dataType, value}` (https://developers.arcgis.com/rest/services-reference/enterprise/gp-result.htm). */
export function readResultResponse(json: unknown, url: string): unknown {
  const at = rootAt(url, 'job result');
  if (!isObject(json)) throw invalid(at, 'an object', json);
  if (!('value' in json)) throw invalid(childAt(at, 'value'), 'the result value', undefined);
  return json.value;
}
