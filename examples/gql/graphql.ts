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

export type BufferPointsMutationVariables = Exact<{
  input: BufferInput;
}>;


export type BufferPointsMutation = { runBuffer: { results: { outputPolygons: { featureCount: number, data: unknown, spatialReference: { wkid: number | null } | null } | null }, messages: Array<{ type: GpMessageType, description: string }> } };


export const BufferPointsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BufferPoints"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BufferInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runBuffer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outputPolygons"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"EnumValue","value":"GEOJSON"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"featureCount"}},{"kind":"Field","name":{"kind":"Name","value":"spatialReference"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"wkid"}}]}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}}]} as unknown as DocumentNode<BufferPointsMutation, BufferPointsMutationVariables>;