import { FIELD_TYPES } from '../../geo/esri-json.js';
import type { Builder } from '../builder.js';
import { esriEnumValues } from '../enum-from-esri.js';


export interface SpatialReferenceShape {
  readonly wkid?: number;
  readonly latestWkid?: number;
  readonly wkt?: string;
}
export interface FieldShape {
  readonly name: string;
  readonly type: string;
  readonly alias?: string;
  readonly length?: number;
}
export interface EnvelopeShape {
  readonly xmin: number;
  readonly ymin: number;
  readonly xmax: number;
  readonly ymax: number;
  readonly spatialReference?: SpatialReferenceShape;
}
export interface FileReferenceShape {
  readonly url?: string;
  readonly itemID?: string;
  readonly format?: string;
}

/** Spatial references, fields, envelopes, data files and rasters: inputs and outputs. */
export function addReferenceTypes(builder: Builder) {
  const fieldType = builder.enumType('FieldType', { values: esriEnumValues(FIELD_TYPES, 'esriFieldType') });
  const spatialReferenceInput = builder.inputType('SpatialReferenceInput', {
    description: 'A spatial reference by well-known ID or WKT (GPSpatialReference).',
    fields: (t) => ({ wkid: t.int(), latestWkid: t.int(), wkt: t.string() }),
  });
  const spatialReference = builder.objectRef<SpatialReferenceShape>('SpatialReference').implement({
    fields: (t) => ({
      wkid: t.int({ nullable: true, resolve: (s) => s.wkid }),
      latestWkid: t.int({ nullable: true, resolve: (s) => s.latestWkid }),
      wkt: t.string({ nullable: true, resolve: (s) => s.wkt }),
    }),
  });
  const fieldInput = builder.inputType('FieldInput', {
    description: 'A table field (GPField).',
    fields: (t) => ({
      name: t.string({ required: true }),
      type: t.field({ type: fieldType, required: true }),
      alias: t.string(),
      length: t.int(),
    }),
  });
  const field = builder.objectRef<FieldShape>('Field').implement({
    fields: (t) => ({
      name: t.exposeString('name', { nullable: false }),
      // An unknown upstream field type reads as null rather than failing the whole list.
      type: t.field({ type: fieldType, nullable: true, resolve: (f) => (FIELD_TYPES.some((t) => t === f.type) ? f.type : null) }),
      alias: t.string({ nullable: true, resolve: (f) => f.alias }),
      length: t.int({ nullable: true, resolve: (f) => f.length }),
    }),
  });
  const envelopeInput = builder.inputType('EnvelopeInput', {
    description: 'An extent (GPEnvelope, GPExtent).',
    fields: (t) => ({
      xmin: t.float({ required: true }),
      ymin: t.float({ required: true }),
      xmax: t.float({ required: true }),
      ymax: t.float({ required: true }),
      spatialReference: t.field({ type: spatialReferenceInput }),
    }),
  });
  const envelope = builder.objectRef<EnvelopeShape>('Envelope').implement({
    fields: (t) => ({
      xmin: t.exposeFloat('xmin', { nullable: false }),
      ymin: t.exposeFloat('ymin', { nullable: false }),
      xmax: t.exposeFloat('xmax', { nullable: false }),
      ymax: t.exposeFloat('ymax', { nullable: false }),
      spatialReference: t.field({ type: spatialReference, nullable: true, resolve: (e) => e.spatialReference }),
    }),
  });
  const dataFileInput = builder.inputType('DataFileInput', {
    description: 'A file by URL or portal item ID (GPDataFile). Exactly one of the two.',
    isOneOf: true,
    fields: (t) => ({ url: t.string(), itemId: t.string() }),
  });
  const rasterInput = builder.inputType('RasterInput', {
    description: 'A raster by URL (with its format) or portal item ID (GPRasterData, GPRasterDataLayer).',
    fields: (t) => ({ url: t.string(), itemId: t.string(), format: t.string() }),
  });
  const fileReference = builder.objectRef<FileReferenceShape>('FileReference').implement({
    description: 'A file or raster the task produced or received (GPDataFile, GPRasterData, GPRasterDataLayer).',
    fields: (t) => ({
      url: t.string({ nullable: true, resolve: (f) => f.url }),
      itemId: t.string({ nullable: true, resolve: (f) => f.itemID }),
      format: t.string({ nullable: true, resolve: (f) => f.format }),
    }),
  });
  return { fieldType, spatialReferenceInput, spatialReference, fieldInput, field, envelopeInput, envelope, dataFileInput, rasterInput, fileReference };
}
