import { parseLenientJson } from '../http/lenient-json.js';
import type { ParameterDefinition } from '../model/gp-parameter.js';
import { ParameterError } from './parameter-error.js';

/** Decodes JSON text (leniently, as ArcGIS does: see lenient-json.ts), reporting a syntax error through `fail` so it carries the parameter (and location). */
export function decodeJson(raw: string, fail: (detail: string) => never): unknown {
  try {
    return parseLenientJson(raw);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(`malformed JSON (${reason})`);
  }
}

/** Decodes a JSON-valued form field; a syntax error names the parameter instead of surfacing as a bare SyntaxError. */
export function parseJsonText(param: Pick<ParameterDefinition, 'name' | 'displayName'>, raw: string): unknown {
  return decodeJson(raw, (detail) => {
    throw new ParameterError(param, detail);
  });
}
