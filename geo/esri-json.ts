/**
 * Esri JSON shapes as the GP REST API exchanges them
 * (https://developers.arcgis.com/documentation/common-data-types/geometry-objects.htm).
 * Values crossing the worker boundary are plain JSON, so these are plain readonly records.
 */

export interface SpatialReference {
  readonly wkid?: number;
  readonly latestWkid?: number;
  readonly wkt?: string;
}

/** `[x, y]`, `[x, y, z]`, `[x, y, m]` (hasM without hasZ) or `[x, y, z, m]`. */
export type Position = readonly number[];

export interface PointGeometry {
  readonly x: number;
  readonly y: number;
  readonly z?: number;
  readonly m?: number;
  readonly spatialReference?: SpatialReference;
}

export interface MultipointGeometry {
  readonly points: readonly Position[];
  readonly hasZ?: boolean;
  readonly hasM?: boolean;
  readonly spatialReference?: SpatialReference;
}

export interface PolylineGeometry {
  readonly paths: readonly (readonly Position[])[];
  readonly hasZ?: boolean;
  readonly hasM?: boolean;
  readonly spatialReference?: SpatialReference;
}

/** Outer rings clockwise, holes counter-clockwise; rings are closed (first vertex repeated). */
export interface PolygonGeometry {
  readonly rings: readonly (readonly Position[])[];
  readonly hasZ?: boolean;
  readonly hasM?: boolean;
  readonly spatialReference?: SpatialReference;
}

export interface EnvelopeGeometry {
  readonly xmin: number;
  readonly ymin: number;
  readonly xmax: number;
  readonly ymax: number;
  readonly spatialReference?: SpatialReference;
}

export type Geometry = PointGeometry | MultipointGeometry | PolylineGeometry | PolygonGeometry | EnvelopeGeometry;

export const GEOMETRY_TYPES = [
  'esriGeometryPoint',
  'esriGeometryMultipoint',
  'esriGeometryPolyline',
  'esriGeometryPolygon',
  'esriGeometryEnvelope',
] as const;
export type GeometryType = (typeof GEOMETRY_TYPES)[number];

/** Field types of the REST API (https://developers.arcgis.com/documentation/common-data-types/field.htm). */
export const FIELD_TYPES = [
  'esriFieldTypeOID',
  'esriFieldTypeGlobalID',
  'esriFieldTypeGUID',
  'esriFieldTypeString',
  'esriFieldTypeInteger',
  'esriFieldTypeSmallInteger',
  'esriFieldTypeBigInteger',
  'esriFieldTypeDouble',
  'esriFieldTypeSingle',
  'esriFieldTypeDate',
  // ArcGIS 11.2+: a calendar day ("2024-02-29"), a time of day ("13:45:00"), a timestamp with its UTC offset.
  'esriFieldTypeDateOnly',
  'esriFieldTypeTimeOnly',
  'esriFieldTypeTimestampOffset',
  'esriFieldTypeGeometry',
  'esriFieldTypeBlob',
  'esriFieldTypeRaster',
  'esriFieldTypeXML',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface Field {
  readonly name: string;
  readonly type: FieldType;
  readonly alias?: string;
  readonly length?: number;
}

export type AttributeValue = string | number | boolean | null;

export interface Feature {
  readonly geometry?: Geometry;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

/** GPFeatureRecordSetLayer / GPRecordSet value (a record set simply has no geometryType). */
export interface FeatureSet {
  readonly geometryType?: GeometryType;
  readonly spatialReference?: SpatialReference;
  readonly hasZ?: boolean;
  readonly hasM?: boolean;
  readonly fields?: readonly Field[];
  readonly displayFieldName?: string;
  readonly features: readonly Feature[];
  readonly exceededTransferLimit?: boolean;
}

export const LINEAR_UNITS = [
  'esriUnknownUnits',
  'esriInches',
  'esriPoints',
  'esriFeet',
  'esriYards',
  'esriMiles',
  'esriNauticalMiles',
  'esriMillimeters',
  'esriCentimeters',
  'esriMeters',
  'esriKilometers',
  'esriDecimalDegrees',
  'esriDecimeters',
] as const;
export type LinearUnitName = (typeof LINEAR_UNITS)[number];

export const AREAL_UNITS = [
  'esriUnknownAreaUnits',
  'esriSquareInches',
  'esriSquareFeet',
  'esriSquareYards',
  'esriAcres',
  'esriSquareMiles',
  'esriSquareMillimeters',
  'esriSquareCentimeters',
  'esriSquareDecimeters',
  'esriSquareMeters',
  'esriAres',
  'esriHectares',
  'esriSquareKilometers',
] as const;
export type ArealUnitName = (typeof AREAL_UNITS)[number];

export interface LinearUnit {
  readonly distance: number;
  readonly units: LinearUnitName;
}

export interface ArealUnit {
  readonly area: number;
  readonly units: ArealUnitName;
}
