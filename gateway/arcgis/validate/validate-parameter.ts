/**
 * One entry of a task's `parameters` array
 * (https://developers.arcgis.com/rest/services-reference/enterprise/gp-task.htm, "JSON response syntax").
 * ArcGIS 10.0 through 11.x disagree on which properties are present; absent ones get neutral values.
 */
import type { CatalogParameter, CatalogParameterInfo, ParameterDirection, ParameterRequirement } from '../../../core/catalog.js';
import {
  asObject,
  childAt,
  esriEnum,
  isObject,
  optionalArray,
  optionalChoiceList,
  optionalString,
  requiredString,
  type At,
  type JsonObject,
} from './json-reader.js';

const DIRECTIONS: Readonly<Record<string, ParameterDirection>> = { input: 'input', output: 'output' };
const REQUIREMENTS: Readonly<Record<string, ParameterRequirement>> = {
  required: 'required',
  optional: 'optional',
  derived: 'derived',
};

/**
 * 10.0-era servers spell a feature set's schema `Fields`; everything after says `fields`.
 * Only the top level of a default is a feature set or record set, so only it is renamed.
 */
export function normaliseDefault(value: unknown): unknown {
  if (value === null) return undefined;
  if (!isObject(value) || !('Fields' in value) || 'fields' in value) return value;
  const { Fields: fields, ...rest } = value;
  return { ...rest, fields };
}

function readRequirement(obj: JsonObject, at: At, direction: ParameterDirection): ParameterRequirement {
  const value = obj.parameterType;
  // Never seen missing in the wild, but an output can only be derived and an input without a flag is not enforced.
  if (value === undefined || value === null) return direction === 'output' ? 'derived' : 'optional';
  return esriEnum(value, childAt(at, 'parameterType'), 'esriGPParameterType', REQUIREMENTS);
}

function readParameterInfo(value: unknown, at: At): CatalogParameterInfo {
  const obj = asObject(value, at);
  const name = requiredString(obj, 'name', at);
  const choiceList = optionalChoiceList(obj, 'choiceList', at);
  return {
    name,
    dataType: requiredString(obj, 'dataType', at),
    displayName: optionalString(obj, 'displayName', at) || name,
    ...(choiceList ? { choiceList } : {}),
  };
}

export function validateParameter(value: unknown, at: At): CatalogParameter {
  const obj = asObject(value, at);
  // Names are kept byte for byte: the server matches them, and '2nd_Input' or 'Input Features' are legal.
  const name = requiredString(obj, 'name', at);
  const direction = esriEnum(obj.direction, childAt(at, 'direction'), 'esriGPParameterDirection', DIRECTIONS);
  const choiceList = optionalChoiceList(obj, 'choiceList', at);
  const infos = optionalArray(obj, 'parameterInfos', at);
  const defaultValue = normaliseDefault(obj.defaultValue);
  return {
    name,
    // Unknown types (GPSACellSize, future ones) stay verbatim; schema/ decides what to do with them.
    dataType: requiredString(obj, 'dataType', at),
    displayName: optionalString(obj, 'displayName', at) || name,
    description: optionalString(obj, 'description', at) ?? '',
    direction,
    requirement: readRequirement(obj, at, direction),
    category: optionalString(obj, 'category', at) ?? '',
    ...(defaultValue === undefined ? {} : { defaultValue }),
    ...(choiceList ? { choiceList } : {}),
    ...(infos ? { parameterInfos: infos.map((info, i) => readParameterInfo(info, childAt(childAt(at, 'parameterInfos'), i))) } : {}),
  };
}
