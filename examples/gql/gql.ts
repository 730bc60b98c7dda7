/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation BufferPoints($input: BufferInput!) {\n    runBuffer(input: $input) {\n      results {\n        outputPolygons(format: GEOJSON) {\n          featureCount\n          spatialReference {\n            wkid\n          }\n          data\n        }\n      }\n      messages {\n        type\n        description\n      }\n    }\n  }\n": typeof types.BufferPointsDocument,
    "\n  mutation SubmitZonalWorkflow($points: JSON!, $extent: EnvelopeInput!, $idempotencyKey: String) {\n    submitWorkflow(\n      idempotencyKey: $idempotencyKey\n      steps: [\n        { id: \"terrain\", run: { extractElevation: { areaOfInterest: $extent, cellSize: { distance: 250, units: METERS } } } }\n        { id: \"zones\", run: { buffer: { inputFeatures: { esriJson: $points }, distance: { distance: 2, units: KILOMETERS } } } }\n        {\n          id: \"stats\"\n          run: {\n            zonalStatistics: {\n              inZoneFeaturesFrom: { step: \"zones\", output: \"Output_Polygons\" }\n              inValueRasterFrom: { step: \"terrain\", output: \"Output_Raster\" }\n            }\n          }\n        }\n      ]\n    ) {\n      id\n      status\n    }\n  }\n": typeof types.SubmitZonalWorkflowDocument,
    "\n  subscription ZonalWorkflowUpdates($id: ID!) {\n    workflowUpdates(id: $id) {\n      status\n      final\n      steps {\n        id\n        status\n      }\n    }\n  }\n": typeof types.ZonalWorkflowUpdatesDocument,
    "\n  query ZonalWorkflowResults($id: ID!) {\n    workflow(id: $id) {\n      status\n      steps {\n        id\n        results {\n          ... on ZonalStatisticsOutputs {\n            outTable {\n              data\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ZonalWorkflowResultsDocument,
};
const documents: Documents = {
    "\n  mutation BufferPoints($input: BufferInput!) {\n    runBuffer(input: $input) {\n      results {\n        outputPolygons(format: GEOJSON) {\n          featureCount\n          spatialReference {\n            wkid\n          }\n          data\n        }\n      }\n      messages {\n        type\n        description\n      }\n    }\n  }\n": types.BufferPointsDocument,
    "\n  mutation SubmitZonalWorkflow($points: JSON!, $extent: EnvelopeInput!, $idempotencyKey: String) {\n    submitWorkflow(\n      idempotencyKey: $idempotencyKey\n      steps: [\n        { id: \"terrain\", run: { extractElevation: { areaOfInterest: $extent, cellSize: { distance: 250, units: METERS } } } }\n        { id: \"zones\", run: { buffer: { inputFeatures: { esriJson: $points }, distance: { distance: 2, units: KILOMETERS } } } }\n        {\n          id: \"stats\"\n          run: {\n            zonalStatistics: {\n              inZoneFeaturesFrom: { step: \"zones\", output: \"Output_Polygons\" }\n              inValueRasterFrom: { step: \"terrain\", output: \"Output_Raster\" }\n            }\n          }\n        }\n      ]\n    ) {\n      id\n      status\n    }\n  }\n": types.SubmitZonalWorkflowDocument,
    "\n  subscription ZonalWorkflowUpdates($id: ID!) {\n    workflowUpdates(id: $id) {\n      status\n      final\n      steps {\n        id\n        status\n      }\n    }\n  }\n": types.ZonalWorkflowUpdatesDocument,
    "\n  query ZonalWorkflowResults($id: ID!) {\n    workflow(id: $id) {\n      status\n      steps {\n        id\n        results {\n          ... on ZonalStatisticsOutputs {\n            outTable {\n              data\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ZonalWorkflowResultsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BufferPoints($input: BufferInput!) {\n    runBuffer(input: $input) {\n      results {\n        outputPolygons(format: GEOJSON) {\n          featureCount\n          spatialReference {\n            wkid\n          }\n          data\n        }\n      }\n      messages {\n        type\n        description\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation BufferPoints($input: BufferInput!) {\n    runBuffer(input: $input) {\n      results {\n        outputPolygons(format: GEOJSON) {\n          featureCount\n          spatialReference {\n            wkid\n          }\n          data\n        }\n      }\n      messages {\n        type\n        description\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitZonalWorkflow($points: JSON!, $extent: EnvelopeInput!, $idempotencyKey: String) {\n    submitWorkflow(\n      idempotencyKey: $idempotencyKey\n      steps: [\n        { id: \"terrain\", run: { extractElevation: { areaOfInterest: $extent, cellSize: { distance: 250, units: METERS } } } }\n        { id: \"zones\", run: { buffer: { inputFeatures: { esriJson: $points }, distance: { distance: 2, units: KILOMETERS } } } }\n        {\n          id: \"stats\"\n          run: {\n            zonalStatistics: {\n              inZoneFeaturesFrom: { step: \"zones\", output: \"Output_Polygons\" }\n              inValueRasterFrom: { step: \"terrain\", output: \"Output_Raster\" }\n            }\n          }\n        }\n      ]\n    ) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitZonalWorkflow($points: JSON!, $extent: EnvelopeInput!, $idempotencyKey: String) {\n    submitWorkflow(\n      idempotencyKey: $idempotencyKey\n      steps: [\n        { id: \"terrain\", run: { extractElevation: { areaOfInterest: $extent, cellSize: { distance: 250, units: METERS } } } }\n        { id: \"zones\", run: { buffer: { inputFeatures: { esriJson: $points }, distance: { distance: 2, units: KILOMETERS } } } }\n        {\n          id: \"stats\"\n          run: {\n            zonalStatistics: {\n              inZoneFeaturesFrom: { step: \"zones\", output: \"Output_Polygons\" }\n              inValueRasterFrom: { step: \"terrain\", output: \"Output_Raster\" }\n            }\n          }\n        }\n      ]\n    ) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ZonalWorkflowUpdates($id: ID!) {\n    workflowUpdates(id: $id) {\n      status\n      final\n      steps {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ZonalWorkflowUpdates($id: ID!) {\n    workflowUpdates(id: $id) {\n      status\n      final\n      steps {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ZonalWorkflowResults($id: ID!) {\n    workflow(id: $id) {\n      status\n      steps {\n        id\n        results {\n          ... on ZonalStatisticsOutputs {\n            outTable {\n              data\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ZonalWorkflowResults($id: ID!) {\n    workflow(id: $id) {\n      status\n      steps {\n        id\n        results {\n          ... on ZonalStatisticsOutputs {\n            outTable {\n              data\n            }\n          }\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;