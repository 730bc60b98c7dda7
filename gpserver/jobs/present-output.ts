import type { FeatureSet, SpatialReference } from '../../geo/esri-json.js';
import { isFileDataType, type ParameterDefinition } from '../model/gp-parameter.js';
import { projectFeatureSet, stripZM } from '../../geo/project.js';

/** How a client asked to see feature outputs (`env:outSR`/`outSR`, `returnZ`, `returnM`). */
export interface OutputView {
  readonly outSR?: SpatialReference;
  readonly returnZ: boolean;
  readonly returnM: boolean;
  /** Absolute URL of the run's output folder, under which file outputs are served. */
  readonly filesUrl?: string;
}

const PUBLIC_FILE_KEYS: ReadonlySet<string> = new Set(['url', 'itemID', 'format']);

/** A file value as clients see it: the reference, never the path on this machine. */
export function publicFileValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => PUBLIC_FILE_KEYS.has(key)));
}

/**
 * Tools name the files they wrote (`{file}`, in the run's output folder, and a raster's `format`);
 * clients get their URL, with the format as ArcGIS gives it for raster results.
 */
function presentFile(value: unknown, view: OutputView): unknown {
  const { file, format } = (value ?? {}) as { file?: unknown; format?: unknown };
  if (typeof file !== 'string' || view.filesUrl === undefined) return publicFileValue(value);
  return { url: `${view.filesUrl}/${encodeURIComponent(file)}`, ...(typeof format === 'string' ? { format } : {}) };
}

function isFeatureSet(value: unknown): value is FeatureSet {
  return typeof value === 'object' && value !== null && Array.isArray((value as { features?: unknown }).features);
}

/**
 * Tools return features in their working spatial reference with every z and m they have;
 * the view is applied when a value is served, so one stored result serves any `outSR`.
 */
export function presentOutput(param: ParameterDefinition, value: unknown, view: OutputView): unknown {
  if (isFileDataType(param.dataType)) return presentFile(value, view);
  if (param.dataType !== 'GPFeatureRecordSetLayer' || !isFeatureSet(value)) return value;
  const projected = view.outSR ? projectFeatureSet(value, view.outSR) : value;
  return stripZM(projected, view.returnZ, view.returnM);
}

/** The `{paramName, dataType, value}` object of execute results and job result/input resources. */
export function parameterValue(param: ParameterDefinition, value: unknown): { paramName: string; dataType: string; value: unknown } {
  return { paramName: param.name, dataType: param.dataType, value: value ?? null };
}
