/**
 * The plain, validated description of the configured GP services: what `gateway/arcgis`
 * reads from `GPServer?f=json` and `<task>?f=json`, and all that `schema/` builds from.
 */

export type ExecutionMode = 'synchronous' | 'asynchronous';
export type ParameterDirection = 'input' | 'output';
export type ParameterRequirement = 'required' | 'optional' | 'derived';

/** A column of a GPValueTable or a member type of a GPComposite. */
export interface CatalogParameterInfo {
  readonly name: string;
  /** Raw GP data type, e.g. 'GPString'. */
  readonly dataType: string;
  readonly displayName: string;
  readonly choiceList?: readonly string[];
}

export interface CatalogParameter {
  /** The GP parameter name exactly as the server publishes it. */
  readonly name: string;
  /** Raw GP data type as published ('GPMultiValue:GPString', 'GPFeatureRecordSetLayer', or anything unknown). */
  readonly dataType: string;
  readonly displayName: string;
  readonly description: string;
  readonly direction: ParameterDirection;
  readonly requirement: ParameterRequirement;
  readonly category: string;
  /** The published default, as JSON; undefined when none (null is mapped to undefined). */
  readonly defaultValue?: unknown;
  readonly choiceList?: readonly string[];
  readonly parameterInfos?: readonly CatalogParameterInfo[];
}

export interface CatalogTask {
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly category: string;
  readonly helpUrl: string;
  readonly execution: ExecutionMode;
  readonly parameters: readonly CatalogParameter[];
}

export type CatalogService =
  | {
      readonly status: 'ok';
      /** GPServer URL, no trailing slash, no query: `https://host/arcgis/rest/services/Folder/Name/GPServer`. */
      readonly url: string;
      /** 'Folder/Name' as the directory names it. */
      readonly name: string;
      /** The per-service alias from `--service <url>#alias`, if any. */
      readonly alias?: string;
      readonly description: string;
      readonly execution: ExecutionMode;
      readonly currentVersion?: number;
      readonly maximumRecords?: number;
      /** Its jobs' result map service, when the service was published with one. */
      readonly resultMapServerName?: string;
      readonly tasks: readonly CatalogTask[];
    }
  | {
      readonly status: 'error';
      readonly url: string;
      readonly name: string;
      readonly alias?: string;
      /** Why the service could not be introspected (never contains a token). */
      readonly error: string;
    };

export interface Catalog {
  readonly services: readonly CatalogService[];
}
