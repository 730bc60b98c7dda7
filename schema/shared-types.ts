import type { Builder } from './builder.js';
import { addCatalogTypes } from './types/catalog-types.js';
import { addFeatureSetTypes } from './types/feature-set.js';
import { addJobTypes } from './types/jobs.js';
import { addMessageTypes } from './types/messages.js';
import { addOptionTypes } from './types/options.js';
import { addReferenceTypes } from './types/references.js';
import { addUnitTypes } from './types/units.js';

/** Types every generated schema has, whatever the catalog. */
export function addSharedTypes(builder: Builder) {
  const references = addReferenceTypes(builder);
  const messages = addMessageTypes(builder);
  return {
    ...references,
    ...addUnitTypes(builder),
    ...messages,
    ...addJobTypes(builder, messages),
    ...addOptionTypes(builder, references),
    ...addFeatureSetTypes(builder, references),
    ...addCatalogTypes(builder),
  };
}

export type SharedTypes = ReturnType<typeof addSharedTypes>;

/** Names the generated task types must not take (naming.ts adds a `Task` suffix on a clash). */
export const SHARED_TYPE_NAMES: readonly string[] = [
  'Query',
  'Mutation',
  'Subscription',
  'JSON',
  'Long',
  'DateTime',
  'Upload',
  'UploadedItem',
  'String',
  'Int',
  'Float',
  'Boolean',
  'ID',
  'LinearUnit',
  'ArealUnit',
  'LinearUnitInput',
  'ArealUnitInput',
  'LinearUnitValue',
  'ArealUnitValue',
  'GPMessage',
  'GPMessageType',
  'GPOptions',
  'FeatureFormat',
  'FeatureSetInput',
  'FeatureSet',
  'FieldType',
  'SpatialReferenceInput',
  'SpatialReference',
  'FieldInput',
  'Field',
  'EnvelopeInput',
  'Envelope',
  'DataFileInput',
  'RasterInput',
  'FileReference',
  'ExecutionType',
  'ServiceStatus',
  'ParameterDirection',
  'GPParameter',
  'GPTask',
  'GPService',
  'GPJob',
  'Node',
  'JobStatus',
  'JobProgress',
  'JobFault',
  'JobSubscriberInput',
  'JobListFilter',
  'GPJobConnection',
  'GPJobEdge',
  'PageInfo',
  // Workflows (schema/workflow-types.ts, workflow-fields.ts): named alike whether or not the gateway runs them.
  'Workflow',
  'WorkflowStep',
  'WorkflowStepStatus',
  'WorkflowStepResults',
  'WorkflowHandOver',
  'HandOverMode',
  'WorkflowOutputRef',
  'WorkflowTaskInput',
  'WorkflowStepInput',
];
