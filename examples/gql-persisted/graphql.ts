/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
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

export type SubmitStatisticsMutationVariables = Exact<{
  bands: number | string;
}>;


export type SubmitStatisticsMutation = { submitElevationStatisticsJob: { id: string, status: JobStatus } };

export type JobStatusQueryVariables = Exact<{
  id: string | number;
}>;


export type JobStatusQuery = { job:
    | { id: string, status: JobStatus, final: boolean }
    | { id: string, status: JobStatus, final: boolean }
    | { id: string, status: JobStatus, final: boolean }
    | { id: string, status: JobStatus, final: boolean }
    | { id: string, status: JobStatus, final: boolean }
   | null };


export const SubmitStatisticsDocument = {"__meta__":{"hash":"sha256:f91e1adb75b7463d116655ef4fdf0da3fca3994fe3170f6df623972d8d07fd58"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitStatistics"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bands"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Long"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitElevationStatisticsJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"bandCount"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bands"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"stepDelayMs"},"value":{"kind":"IntValue","value":"0"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<SubmitStatisticsMutation, SubmitStatisticsMutationVariables>;
export const JobStatusDocument = {"__meta__":{"hash":"sha256:737c2db7008eb14f6692521b844deb8cd12e512f20c03ebe168eeee7b1e8b76f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"JobStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"job"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"final"}}]}}]}}]} as unknown as DocumentNode<JobStatusQuery, JobStatusQueryVariables>;