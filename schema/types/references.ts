import type { FieldShape, SpatialReferenceShape } from '../../resolvers/views.js';
import { FIELD_TYPES } from '../../geo/esri-json.js';
import type { FileSource } from '../../core/files/file-links.js';
import type { Builder } from '../builder.js';
import { esriEnumValues } from '../enum-from-esri.js';

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
  /** Whose file it is (a job's result, a synchronous run's): decides who may download it through the gateway. */
  readonly source?: FileSource;
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
      // An unknown upstream field type reads as null rather than failing the whole list; esriType keeps it.
      type: t.field({ type: fieldType, nullable: true, resolve: (f) => (FIELD_TYPES.some((t) => t === f.type) ? f.type : null) }),
      esriType: t.string({
        nullable: true,
        description: 'The field type as the server wrote it (`esriFieldType…`), also for types newer than this schema.',
        resolve: (f) => (typeof f.type === 'string' ? f.type : null),
      }),
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
  const upload = (t: Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0]) =>
    t.field({
      type: 'Upload',
      description: "A file of this multipart request: the gateway uploads it to the service's uploads/ and passes its item id.",
    });
  const dataFileInput = builder.inputType('DataFileInput', {
    description:
      'A file (GPDataFile): a URL the service can read, the item id of an upload (see `uploadItem`), or the file itself. Exactly one of the three.',
    isOneOf: true,
    fields: (t) => ({ url: t.string(), itemId: t.string(), upload: upload(t) }),
  });
  const rasterInput = builder.inputType('RasterInput', {
    description:
      'A raster (GPRasterData, GPRasterDataLayer): a URL (with its format), the item id of an upload, or the file itself. Exactly one of url, itemId and upload.',
    fields: (t) => ({ url: t.string(), itemId: t.string(), upload: upload(t), format: t.string() }),
  });
  const fileReference = builder.objectRef<FileReferenceShape>('FileReference').implement({
    description: 'A file or raster the task produced or received (GPDataFile, GPRasterData, GPRasterDataLayer).',
    fields: (t) => ({
      url: t.string({
        nullable: true,
        description:
          "Where to download it: the gateway's `/files/<id>`, which streams it from the GPServer with the job's credential to whoever may read the job (a plain link works in a browser; ranges pass through). With access control on, the link is a capability of the caller it was given to, valid for 15 minutes: read it again for a fresh one.",
        resolve: (f, _args, context) =>
          f.url !== undefined && f.source !== undefined && context.files ? context.files.link(f.url, f.source) : f.url,
      }),
      upstreamUrl: t.string({
        nullable: true,
        description:
          "The file's URL on the GPServer (it may need the upstream token); null where the deployment keeps upstream hosts private.",
        resolve: (f, _args, context) => (context.showUpstream === false ? null : f.url),
      }),
      itemId: t.string({ nullable: true, resolve: (f) => f.itemID }),
      format: t.string({ nullable: true, resolve: (f) => f.format }),
    }),
  });
  return {
    fieldType,
    spatialReferenceInput,
    spatialReference,
    fieldInput,
    field,
    envelopeInput,
    envelope,
    dataFileInput,
    rasterInput,
    fileReference,
  };
}
