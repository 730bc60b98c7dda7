/**
 * The minimal Esri JSON the gateway reads and writes for GPFeatureRecordSetLayer / GPRecordSet values.
 * Positions are `[x, y]`, `[x, y, z]`, `[x, y, m]` (hasM without hasZ) or `[x, y, z, m]`.
 */

export type EsriPosition = readonly number[];

export interface EsriSpatialReference {
  readonly wkid?: number;
  readonly latestWkid?: number;
  readonly wkt?: string;
}

export type EsriGeometryType =
  | 'esriGeometryPoint'
  | 'esriGeometryMultipoint'
  | 'esriGeometryPolyline'
  | 'esriGeometryPolygon'
  | 'esriGeometryEnvelope';

export const ESRI_GEOMETRY_TYPES: readonly EsriGeometryType[] = [
  'esriGeometryPoint',
  'esriGeometryMultipoint',
  'esriGeometryPolyline',
  'esriGeometryPolygon',
  'esriGeometryEnvelope',
];

interface EsriGeometryBase {
  readonly spatialReference?: EsriSpatialReference;
  readonly hasZ?: boolean;
  readonly hasM?: boolean;
}

export interface EsriPoint extends EsriGeometryBase {
  readonly x: number;
  readonly y: number;
  readonly z?: number;
  readonly m?: number;
}

export interface EsriMultipoint extends EsriGeometryBase {
  readonly points: readonly EsriPosition[];
}

export interface EsriPolyline extends EsriGeometryBase {
  readonly paths: readonly (readonly EsriPosition[])[];
}

/** Outer rings clockwise, holes counter-clockwise; a ring is closed (first position repeated last). */
export interface EsriPolygon extends EsriGeometryBase {
  readonly rings: readonly (readonly EsriPosition[])[];
}

export interface EsriEnvelope extends EsriGeometryBase {
  readonly xmin: number;
  readonly ymin: number;
  readonly xmax: number;
  readonly ymax: number;
}

export type EsriGeometry = EsriPoint | EsriMultipoint | EsriPolyline | EsriPolygon | EsriEnvelope;

export interface EsriField {
  readonly name: string;
  /** e.g. 'esriFieldTypeString'. */
  readonly type?: string;
  readonly alias?: string;
  readonly length?: number;
}

export type EsriAttributes = Readonly<Record<string, unknown>>;

export interface EsriFeature {
  readonly geometry?: EsriGeometry;
  readonly attributes: EsriAttributes;
}

/** A FeatureSet; a record set (GPRecordSet) is one without `geometryType` and geometries. */
export interface EsriFeatureSet {
  readonly geometryType?: EsriGeometryType;
  readonly spatialReference?: EsriSpatialReference;
  readonly hasZ?: boolean;
  readonly hasM?: boolean;
  readonly fields?: readonly EsriField[];
  readonly displayFieldName?: string;
  readonly exceededTransferLimit?: boolean;
  readonly features: readonly EsriFeature[];
}
