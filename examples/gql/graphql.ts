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
  /** Dissolve Type. NONE keeps one buffer per input feature; ALL merges every buffer into one feature. GP parameter `Dissolve_Type` (GPString, optional). */
  dissolveType?: BufferDissolveTypeChoice | null | undefined;
  /** The buffer distance; must be greater than zero. GP parameter `Distance` (GPLinearUnit, required by the service; its published default is sent when omitted). */
  distance?: LinearUnitInput;
  /** Input Features. Points, multipoints, lines or polygons to buffer. GP parameter `Input_Features` (GPFeatureRecordSetLayer, required). */
  inputFeatures: FeatureSetInput;
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

type JobState_ElevationStatisticsJob_Fragment = { id: string, jobId: string, service: string, task: string, status: JobStatus, upstreamStatus: string, final: boolean, progress: { percent: number | null, message: string } | null, newMessages: Array<{ type: GpMessageType, description: string }> };

type JobState_WorldViewshedJob_Fragment = { id: string, jobId: string, service: string, task: string, status: JobStatus, upstreamStatus: string, final: boolean, progress: { percent: number | null, message: string } | null, newMessages: Array<{ type: GpMessageType, description: string }> };

type JobState_ZonalStatisticsJob_Fragment = { id: string, jobId: string, service: string, task: string, status: JobStatus, upstreamStatus: string, final: boolean, progress: { percent: number | null, message: string } | null, newMessages: Array<{ type: GpMessageType, description: string }> };

export type JobStateFragment =
  | JobState_ElevationStatisticsJob_Fragment
  | JobState_WorldViewshedJob_Fragment
  | JobState_ZonalStatisticsJob_Fragment
;

export type SubmitMutationVariables = Exact<{
  point: unknown;
}>;


export type SubmitMutation = { submitWorldViewshedJob: { id: string, jobId: string, service: string, task: string, status: JobStatus, upstreamStatus: string, final: boolean, progress: { percent: number | null, message: string } | null, newMessages: Array<{ type: GpMessageType, description: string }> } };

export type UpdatesSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type UpdatesSubscription = { jobUpdates:
    | { id: string, jobId: string, service: string, task: string, status: JobStatus, upstreamStatus: string, final: boolean, progress: { percent: number | null, message: string } | null, newMessages: Array<{ type: GpMessageType, description: string }> }
    | { id: string, jobId: string, service: string, task: string, status: JobStatus, upstreamStatus: string, final: boolean, progress: { percent: number | null, message: string } | null, newMessages: Array<{ type: GpMessageType, description: string }> }
    | { id: string, jobId: string, service: string, task: string, status: JobStatus, upstreamStatus: string, final: boolean, progress: { percent: number | null, message: string } | null, newMessages: Array<{ type: GpMessageType, description: string }> }
   };

export type ResultQueryVariables = Exact<{
  id: string | number;
}>;


export type ResultQuery = { job:
    | { id: string, status: JobStatus }
    | { id: string, status: JobStatus, results: { viewshedResult: { featureCount: number, data: unknown } | null } | null }
    | { id: string, status: JobStatus }
   | null };

export type BufferPointsMutationVariables = Exact<{
  input: BufferInput;
}>;


export type BufferPointsMutation = { runBuffer: { results: { outputPolygons: { featureCount: number, data: unknown, spatialReference: { wkid: number | null } | null } | null }, messages: Array<{ type: GpMessageType, description: string }> } };

export const JobStateFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"JobState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GPJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"jobId"}},{"kind":"Field","name":{"kind":"Name","value":"service"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamStatus"}},{"kind":"Field","name":{"kind":"Name","value":"final"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"newMessages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]} as unknown as DocumentNode<JobStateFragment, unknown>;
export const SubmitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Submit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"point"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JSON"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitWorldViewshedJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"inputObservationPoint"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"geoJson"},"value":{"kind":"Variable","name":{"kind":"Name","value":"point"}}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"viewshedDistance"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"distance"},"value":{"kind":"IntValue","value":"2"}},{"kind":"ObjectField","name":{"kind":"Name","value":"units"},"value":{"kind":"EnumValue","value":"KILOMETERS"}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"JobState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"JobState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GPJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"jobId"}},{"kind":"Field","name":{"kind":"Name","value":"service"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamStatus"}},{"kind":"Field","name":{"kind":"Name","value":"final"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"newMessages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]} as unknown as DocumentNode<SubmitMutation, SubmitMutationVariables>;
export const UpdatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"Updates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jobUpdates"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"JobState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"JobState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GPJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"jobId"}},{"kind":"Field","name":{"kind":"Name","value":"service"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamStatus"}},{"kind":"Field","name":{"kind":"Name","value":"final"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"newMessages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]} as unknown as DocumentNode<UpdatesSubscription, UpdatesSubscriptionVariables>;
export const ResultDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Result"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"job"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WorldViewshedJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewshedResult"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"EnumValue","value":"GEOJSON"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"featureCount"}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ResultQuery, ResultQueryVariables>;
export const BufferPointsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BufferPoints"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BufferInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runBuffer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outputPolygons"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"EnumValue","value":"GEOJSON"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"featureCount"}},{"kind":"Field","name":{"kind":"Name","value":"spatialReference"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"wkid"}}]}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}}]} as unknown as DocumentNode<BufferPointsMutation, BufferPointsMutationVariables>;