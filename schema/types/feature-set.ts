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
  const featureSetInput = builder.inputType('FeatureSetInput', {
    description:
      'Features as an Esri JSON FeatureSet or as GeoJSON (FeatureCollection, Feature or geometry, in WGS84). Exactly one of the two.',
    isOneOf: true,
    fields: (t) => ({
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
