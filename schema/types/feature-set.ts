import type { Builder } from '../builder.js';
import type { FeatureSetView } from '../../resolvers/views.js';
import type { addReferenceTypes } from './references.js';

type ReferenceTypes = Pick<ReturnType<typeof addReferenceTypes>, 'spatialReference' | 'field'>;

/**
 * Features (GPFeatureRecordSetLayer, GPRecordSet). Geometry goes out as one JSON value: deeply typed
 * coordinates would be slow to serialise and no map library wants them field by field.
 */
export function addFeatureSetTypes(builder: Builder, refs: ReferenceTypes) {
  const featureFormat = builder.enumType('FeatureFormat', {
    description: 'How features are encoded: Esri JSON (a FeatureSet) or GeoJSON (a FeatureCollection in WGS84, RFC 7946).',
    values: { ESRI_JSON: { value: 'ESRI_JSON' }, GEOJSON: { value: 'GEOJSON' } } as const,
  });
  const layerInput = builder.inputType('FeatureLayerInput', {
    description:
      'Features the GPServer reads itself: a feature layer (`…/FeatureServer/0`) or a layer query URL, optionally filtered by a where clause. The URL must be on a configured service\'s origin or a public host (README, "Input URLs").',
    fields: (t) => ({
      url: t.string({ required: true }),
      filter: t.string({ description: 'A SQL where clause the GPServer applies to the layer.' }),
    }),
  });
  const featureSetInput = builder.inputType('FeatureSetInput', {
    description:
      'Features as an Esri JSON FeatureSet, as GeoJSON (FeatureCollection, Feature or geometry, in WGS84), or as a layer the GPServer reads. Exactly one of the three.',
    isOneOf: true,
    fields: (t) => ({
      layer: t.field({ type: layerInput, description: 'A feature layer or layer query URL, sent as `{"url", "filter"}`.' }),
      esriJson: t.field({
        type: 'JSON',
        description: 'An Esri JSON FeatureSet: {geometryType, spatialReference, features: [{geometry, attributes}]}.',
      }),
      geoJson: t.field({ type: 'JSON', description: 'A GeoJSON FeatureCollection, Feature or geometry, in WGS84.' }),
    }),
  });
  const featureSet = builder.objectRef<FeatureSetView>('FeatureSet').implement({
    description: 'Features a task produced or received.',
    fields: (t) => ({
      format: t.field({ type: featureFormat, nullable: false, resolve: (f) => f.format }),
      geometryType: t.string({
        nullable: true,
        description: 'esriGeometryPoint, esriGeometryPolygon, …; null for a table.',
        resolve: (f) => f.geometryType,
      }),
      spatialReference: t.field({ type: refs.spatialReference, nullable: true, resolve: (f) => f.spatialReference }),
      fields: t.field({ type: [refs.field], nullable: false, resolve: (f) => f.fields }),
      featureCount: t.exposeInt('featureCount', { nullable: false }),
      exceededTransferLimit: t.exposeBoolean('exceededTransferLimit', { nullable: false }),
      data: t.field({
        type: 'JSON',
        nullable: false,
        description: 'The Esri JSON FeatureSet or the GeoJSON FeatureCollection.',
        resolve: (f) => f.data,
      }),
    }),
  });
  return { featureFormat, featureSetInput, featureSet };
}
