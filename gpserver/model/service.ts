import type { ExecutionType, ParameterDefinition } from './gp-parameter.js';

/** Names a tool function in the worker-side registry (`tools/registry.ts`). */
export type ToolId =
  'viewshed' | 'buffer' | 'elevation-statistics' | 'echo-all-types' | 'table-to-points' | 'zonal-statistics' | 'extract-elevation';

export interface TaskDefinition {
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly category: string;
  readonly helpUrl: string;
  readonly parameters: readonly ParameterDefinition[];
  readonly tool: ToolId;
}

export interface ServiceDefinition {
  /** Folder path ('' for the root folder). */
  readonly folder: string;
  /** Service name without the folder, e.g. 'ESRI_Elevation_World'. */
  readonly name: string;
  readonly serviceDescription: string;
  readonly executionType: ExecutionType;
  readonly maximumRecords: number;
  readonly resultMapServerName: string;
  readonly tasks: readonly TaskDefinition[];
}

/** 'Folder/Service' or 'Service', as the services directory names it. */
export function qualifiedServiceName(service: ServiceDefinition): string {
  return service.folder === '' ? service.name : `${service.folder}/${service.name}`;
}
