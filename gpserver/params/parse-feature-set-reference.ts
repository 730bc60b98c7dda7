import type { GpDataType } from '../model/gp-parameter.js';
import { parseHttpUrl } from './parse-references.js';
import { isRecord } from './value-parser.js';

/**
 * A feature set or record set input given as the URL of a job result
 * (`…/GPServer/<task>/jobs/<jobId>/results/<param>`), as ArcGIS Server accepts it. Parsing only
 * checks the shape; the handlers resolve it against this server's jobs (resolve-feature-set-references.ts).
 */
export interface FeatureSetReference {
  readonly url: string;
}

export function takesFeatureSetReference(dataType: GpDataType): boolean {
  return dataType === 'GPFeatureRecordSetLayer' || dataType === 'GPRecordSet';
}

/** `{"url": …}` with no `features`: a reference rather than a feature set sent by value. */
export function isFeatureSetReferenceShape(value: unknown): value is Readonly<Record<string, unknown>> {
  return isRecord(value) && value.features === undefined && 'url' in value;
}

/** A parsed reference, once past the parser: a feature set by value always has its features array. */
export function isFeatureSetReference(value: unknown): value is FeatureSetReference {
  return isRecord(value) && typeof value.url === 'string' && !Array.isArray(value.features);
}

export function parseFeatureSetReference(value: Readonly<Record<string, unknown>>, fail: (detail: string) => never): FeatureSetReference {
  const others = Object.keys(value).filter((key) => key !== 'url');
  if (others.length > 0) {
    return fail(`a feature set by reference is {"url"} alone, without ${others.map((key) => `"${key}"`).join(', ')}`);
  }
  return { url: parseHttpUrl(value.url, fail) };
}
