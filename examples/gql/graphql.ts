/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Choices of Dissolve_Type. */
export type BufferDissolveTypeChoice =
  | 'ALL'
  | 'NONE';

/** Inputs of Buffer (GPFolder/BufferService/Buffer). */
export type BufferInput = {
  /** Dissolve Type. NONE keeps one buffer per input feature; ALL merges every buffer into one feature. GP parameter `Dissolve_Type` (GPString, optional). When omitted it is not sent, and the service applies its own default (published as `"NONE"`). */
  dissolveType?: BufferDissolveTypeChoice | null | undefined;
  /** The buffer distance; must be greater than zero. GP parameter `Distance` (GPLinearUnit, required). When omitted it is not sent, and the service applies its own default (published as `{"distance":1,"units":"esriKilometers"}`). */
  distance?: LinearUnitInput | null | undefined;
  /** Input Features. Points, multipoints, lines or polygons to buffer. GP parameter `Input_Features` (GPFeatureRecordSetLayer, required). */
  inputFeatures: FeatureSetInput;
};

/** An extent (GPEnvelope, GPExtent). */
export type EnvelopeInput = {
  spatialReference?: SpatialReferenceInput | null | undefined;
  xmax: number;
  xmin: number;
  ymax: number;
  ymin: number;
};

/** Features the GPServer reads itself: a feature layer (`…/FeatureServer/0`) or a layer query URL, optionally filtered by a where clause. The URL must be on a configured service's origin or a public host (README, "Input URLs"). */
export type FeatureLayerInput = {
  /** A SQL where clause the GPServer applies to the layer. */
  filter?: string | null | undefined;
  url: string;
};

/** Features as an Esri JSON FeatureSet, as GeoJSON (FeatureCollection, Feature or geometry, in WGS84), or as a layer the GPServer reads. Exactly one of the three. */
export type FeatureSetInput =
  {   /** An Esri JSON FeatureSet: {geometryType, spatialReference, features: [{geometry, attributes}]}. */
  esriJson: unknown; geoJson?: never; layer?: never; }
  |  { esriJson?: never;   /** A GeoJSON FeatureCollection, Feature or geometry, in WGS84. */
  geoJson: unknown; layer?: never; }
  |  { esriJson?: never; geoJson?: never;   /** A feature layer or layer query URL, sent as `{"url", "filter"}`. */
  layer: FeatureLayerInput; };

export type GpMessageType =
  | 'ABORT'
  | 'EMPTY'
  | 'ERROR'
  | 'INFORMATIVE'
  | 'PROCESS_DEFINITION'
  | 'PROCESS_START'
  | 'PROCESS_STOP'
  | 'WARNING';

/** The esriJob* statuses of the GP job resource, and UNKNOWN. */
export type JobStatus =
  /** Final. */
  | 'CANCELLED'
  | 'CANCELLING'
  /** Final: the server removed the job. */
  | 'DELETED'
  | 'DELETING'
  | 'EXECUTING'
  /** Final: see messages. */
  | 'FAILED'
  | 'NEW'
  | 'SUBMITTED'
  /** Final: the results can be read. */
  | 'SUCCEEDED'
  /** Final: the server stopped the job after its maximum run time. */
  | 'TIMED_OUT'
  /** A status this gateway does not know (see upstreamStatus); the job is still watched. */
  | 'UNKNOWN'
  | 'WAITING';

/** Units of a GPLinearUnit (esriMeters → METERS, …). */
export type LinearUnit =
  | 'CENTIMETERS'
  | 'DECIMAL_DEGREES'
  | 'DECIMETERS'
  | 'FEET'
  | 'INCHES'
  | 'KILOMETERS'
  | 'METERS'
  | 'MILES'
  | 'MILLIMETERS'
  | 'NAUTICAL_MILES'
  | 'POINTS'
  | 'UNKNOWN_UNITS'
  | 'YARDS';

/** A distance with its unit (GPLinearUnit). */
export type LinearUnitInput = {
  distance: number;
  units: LinearUnit;
};

/** A spatial reference by well-known ID or WKT (GPSpatialReference). */
export type SpatialReferenceInput = {
  latestWkid?: number | null | undefined;
  wkid?: number | null | undefined;
  wkt?: string | null | undefined;
};

/** Where a workflow step is: waiting for its inputs, skipped, or a job status. */
export type WorkflowStepStatus =
  | 'CANCELLED'
  | 'CANCELLING'
  | 'DELETED'
  | 'DELETING'
  | 'EXECUTING'
  /** Final: see `error` and `messages`; the workflow stops. */
  | 'FAILED'
  | 'NEW'
  /** Waits for the steps it takes outputs from. */
  | 'PENDING'
  /** Never ran: the workflow stopped first (a step failed, the workflow was cancelled or timed out). */
  | 'SKIPPED'
  | 'SUBMITTED'
  /** Final: the results can be read, and later steps take them. */
  | 'SUCCEEDED'
  | 'TIMED_OUT'
  | 'UNKNOWN'
  | 'WAITING';

export type BufferPointsMutationVariables = Exact<{
  input: BufferInput;
}>;


export type BufferPointsMutation = { runBuffer: { results: { outputPolygons: { featureCount: number, data: unknown, spatialReference: { wkid: number | null } | null } | null }, messages: Array<{ type: GpMessageType, description: string }> } };

export type SubmitZonalWorkflowMutationVariables = Exact<{
  points: unknown;
  extent: EnvelopeInput;
  idempotencyKey?: string | null | undefined;
}>;


export type SubmitZonalWorkflowMutation = { submitWorkflow: { id: string, status: JobStatus } };

export type ZonalWorkflowUpdatesSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type ZonalWorkflowUpdatesSubscription = { workflowUpdates: { status: JobStatus, final: boolean, steps: Array<{ id: string, status: WorkflowStepStatus }> } };

export type ZonalWorkflowResultsQueryVariables = Exact<{
  id: string | number;
}>;


export type ZonalWorkflowResultsQuery = { workflow: { status: JobStatus, steps: Array<{ id: string, results:
        | { outTable: { data: unknown } | null }
        | Record<PropertyKey, never>
       | null }> } | null };


export const BufferPointsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BufferPoints"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BufferInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runBuffer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outputPolygons"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"EnumValue","value":"GEOJSON"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"featureCount"}},{"kind":"Field","name":{"kind":"Name","value":"spatialReference"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"wkid"}}]}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}}]} as unknown as DocumentNode<BufferPointsMutation, BufferPointsMutationVariables>;
export const SubmitZonalWorkflowDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitZonalWorkflow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"points"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JSON"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"extent"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EnvelopeInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitWorkflow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}},{"kind":"Argument","name":{"kind":"Name","value":"steps"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"StringValue","value":"terrain","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"run"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"extractElevation"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"areaOfInterest"},"value":{"kind":"Variable","name":{"kind":"Name","value":"extent"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"cellSize"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"distance"},"value":{"kind":"IntValue","value":"250"}},{"kind":"ObjectField","name":{"kind":"Name","value":"units"},"value":{"kind":"EnumValue","value":"METERS"}}]}}]}}]}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"StringValue","value":"zones","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"run"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"buffer"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"inputFeatures"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"esriJson"},"value":{"kind":"Variable","name":{"kind":"Name","value":"points"}}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"distance"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"distance"},"value":{"kind":"IntValue","value":"2"}},{"kind":"ObjectField","name":{"kind":"Name","value":"units"},"value":{"kind":"EnumValue","value":"KILOMETERS"}}]}}]}}]}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"StringValue","value":"stats","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"run"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"zonalStatistics"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"inZoneFeaturesFrom"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"step"},"value":{"kind":"StringValue","value":"zones","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"output"},"value":{"kind":"StringValue","value":"Output_Polygons","block":false}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"inValueRasterFrom"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"step"},"value":{"kind":"StringValue","value":"terrain","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"output"},"value":{"kind":"StringValue","value":"Output_Raster","block":false}}]}}]}}]}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<SubmitZonalWorkflowMutation, SubmitZonalWorkflowMutationVariables>;
export const ZonalWorkflowUpdatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ZonalWorkflowUpdates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowUpdates"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"final"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<ZonalWorkflowUpdatesSubscription, ZonalWorkflowUpdatesSubscriptionVariables>;
export const ZonalWorkflowResultsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ZonalWorkflowResults"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ZonalStatisticsOutputs"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outTable"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"data"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ZonalWorkflowResultsQuery, ZonalWorkflowResultsQueryVariables>;