import { isInputObjectType, parse, validate, type GraphQLInputObjectType, type GraphQLSchema } from 'graphql';
import { exampleValue } from './example-values.js';
import type { GraphiqlTab } from './graphiql-tabs.js';

const ID_PLACEHOLDER = '<the id submitWorkflow returned>';

/** The embedded GPServer's chain, as test/support/zonal-chain.ts runs it: three points around Yosemite valley. */
const CHAIN_VARIABLES = {
  extent: { xmin: -119.7, ymin: 37.6, xmax: -119.4, ymax: 37.9, spatialReference: { wkid: 4326 } },
  points: {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { name: 'west' }, geometry: { type: 'Point', coordinates: [-119.6, 37.7] } },
      { type: 'Feature', properties: { name: 'middle' }, geometry: { type: 'Point', coordinates: [-119.55, 37.75] } },
      { type: 'Feature', properties: { name: 'east' }, geometry: { type: 'Point', coordinates: [-119.5, 37.8] } },
    ],
  },
};

const CHAIN_DOCUMENT = `# 1. Run SubmitWorkflow: ExtractElevation and Buffer start side by side, ZonalStatistics once both have succeeded.
# 2. Put the id it returns in the variables ("id"), then run WorkflowUpdates: one subscription follows all three steps.
mutation SubmitWorkflow($extent: EnvelopeInput!, $points: JSON!) {
  submitWorkflow(
    steps: [
      {
        id: "terrain"
        run: {
          extractElevation: {
            areaOfInterest: $extent
            cellSize: { distance: 250, units: METERS }
          }
        }
      }
      {
        id: "zones"
        run: {
          buffer: {
            inputFeatures: { geoJson: $points }
            distance: { distance: 2, units: KILOMETERS }
          }
        }
      }
      {
        id: "stats"
        run: {
          zonalStatistics: {
            # \`…From\` takes an earlier step's output instead of a value. The
            # gateway hands it over, so the client never downloads it: the
            # raster by reference (a URL the GPServer reads), the polygons
            # by value (Buffer is synchronous: no job result to point at).
            inZoneFeaturesFrom: { step: "zones", output: "Output_Polygons" }
            inValueRasterFrom: { step: "terrain", output: "Output_Raster" }
          }
        }
      }
    ]
  ) {
    id
    status
  }
}

subscription WorkflowUpdates($id: ID!) {
  workflowUpdates(id: $id) {
    status
    final
    currentSteps
    steps {
      id
      status
      handOvers { input fromStep mode }
      # Null until the step has SUCCEEDED: the last event has the zone table.
      results { ... on ZonalStatisticsOutputs { outTable { data } } }
    }
  }
}
`;

const UPDATES_DOCUMENT = `subscription WorkflowUpdates($id: ID!) {
  workflowUpdates(id: $id) {
    status
    final
    currentSteps
    steps { id status progress { percent message } error { code message } }
  }
}
`;

function chainTab(schema: GraphQLSchema, tasks: GraphQLInputObjectType): GraphiqlTab | undefined {
  const fields = tasks.getFields();
  if (!fields.extractElevation || !fields.buffer || !fields.zonalStatistics) return undefined;
  // Services of those names published with other parameters: the generic tab rather than an invalid one.
  if (validate(schema, parse(CHAIN_DOCUMENT)).length > 0) return undefined;
  return { query: CHAIN_DOCUMENT, variables: JSON.stringify({ ...CHAIN_VARIABLES, id: ID_PLACEHOLDER }, null, 2) };
}

/**
 * A literal for a step's inputs. The step type's fields are all optional (each may come from an
 * earlier step instead), so its own example would be `{}`: the task's `run<Task>` input says which
 * are required.
 */
function stepExample(schema: GraphQLSchema, field: string, stepType: GraphQLInputObjectType): unknown {
  const runField = schema.getMutationType()?.getFields()[`run${field.charAt(0).toUpperCase()}${field.slice(1)}`];
  const input = runField?.args.find((a) => a.name === 'input');
  const literal = input ? exampleValue(input.type) : undefined;
  if (typeof literal !== 'object' || literal === null) return exampleValue(stepType);
  const stepFields = stepType.getFields();
  return Object.fromEntries(Object.entries(literal).filter(([name]) => Object.hasOwn(stepFields, name)));
}

function genericTab(schema: GraphQLSchema, tasks: GraphQLInputObjectType): GraphiqlTab | undefined {
  const [first] = Object.values(tasks.getFields());
  if (!first || !isInputObjectType(first.type)) return undefined;
  const query =
    '# 1. Run SubmitWorkflow: the gateway runs the steps itself; a step takes an earlier one\'s output with `<input>From: { step: "<id>", output: "<name>" }`.\n' +
    '# 2. Put the id it returns in the variables ("id"), then run WorkflowUpdates: one subscription follows every step.\n' +
    `mutation SubmitWorkflow($input: ${first.type.name}!) {\n  submitWorkflow(steps: [{ id: "first", run: { ${first.name}: $input } }]) {\n    id\n    status\n  }\n}\n\n` +
    UPDATES_DOCUMENT;
  return { query, variables: JSON.stringify({ input: stepExample(schema, first.name, first.type), id: ID_PLACEHOLDER }, null, 2) };
}

/**
 * The workflow tab: `submitWorkflow` followed by `workflowUpdates` in one document, as the job tab.
 * The embedded GPServer's ExtractElevation ∥ Buffer → ZonalStatistics where the schema has it,
 * since a hand-over only shows with two steps; otherwise one step of the first task.
 */
export function workflowTab(schema: GraphQLSchema): GraphiqlTab | undefined {
  const tasks = schema.getType('WorkflowTaskInput');
  if (!schema.getMutationType()?.getFields().submitWorkflow || !schema.getSubscriptionType()?.getFields().workflowUpdates) return undefined;
  if (!isInputObjectType(tasks)) return undefined;
  return chainTab(schema, tasks) ?? genericTab(schema, tasks);
}
