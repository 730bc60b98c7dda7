/**
 * The values resolvers hand to the schema's object types: the schema describes them, the resolvers
 * build them, so they live on the resolvers' side of the layer line.
 */
import type { JobMessage, JobState } from '../core/jobs/job-state.js';

export interface GpMessageShape {
  readonly type: string;
  readonly description: string;
}

/** What a job field resolves to: the stored state, the concrete GraphQL type, and the messages new to this reader. */
export interface JobView {
  /** `GPJob.id` (resolvers/job-id.ts). */
  readonly id: string;
  readonly state: JobState;
  readonly typeName: string;
  readonly serviceName: string;
  readonly newMessages: readonly JobMessage[];
  /** The job's result map service (`…/MapServer/jobs/<jobId>`) when its service has one. */
  readonly resultMap?: { readonly url: string; readonly layerIds: readonly number[] };
}

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

export type FeatureFormatName = 'ESRI_JSON' | 'GEOJSON';

/** GeoJSON is WGS84 (RFC 7946 §4). */
export const WGS84_WKID = 4326;

/** What a FeatureSet field resolves to: a small typed summary plus the features as one JSON value. */
export interface FeatureSetView {
  readonly format: FeatureFormatName;
  readonly geometryType: string | undefined;
  readonly spatialReference: SpatialReferenceShape | undefined;
  readonly fields: readonly FieldShape[];
  readonly featureCount: number;
  readonly exceededTransferLimit: boolean;
  readonly data: unknown;
}
