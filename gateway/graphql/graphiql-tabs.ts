import { getNamedType, isEnumType, isObjectType, type GraphQLField, type GraphQLOutputType, type GraphQLSchema } from 'graphql';
import { exampleValue } from './example-values.js';
import { workflowTab } from './graphiql-workflow-tab.js';

export interface GraphiqlTab {
  readonly query: string;
  readonly variables?: string;
}

/** A selection of every leaf field, two object levels deep; feature sets select their summary and data. */
function selection(type: GraphQLOutputType, indent: string, depth = 0): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return '';
  if (depth > 2) return '';
  const lines = Object.values(named.getFields()).flatMap((field: GraphQLField<unknown, unknown>) => {
    if (named.name === 'FeatureSet' && !['format', 'geometryType', 'featureCount', 'data'].includes(field.name)) return [];
    const inner = selection(field.type, `${indent}  `, depth + 1);
    if (isObjectType(getNamedType(field.type)) && inner === '') return [];
    return [`${indent}  ${field.name}${inner}`];
  });
  return lines.length === 0 ? '' : ` {\n${lines.join('\n')}\n${indent}}`;
}

/** `results { … }` of a job type: every output, feature sets as GeoJSON. */
function resultsSelection(jobType: GraphQLOutputType, indent: string): string {
  const named = getNamedType(jobType);
  const results = isObjectType(named) ? named.getFields().results : undefined;
  const outputs = results ? getNamedType(results.type) : undefined;
  if (!isObjectType(outputs)) return '';
  const lines = Object.values(outputs.getFields()).map((field) => {
    const format = field.args.find((a) => a.name === 'format');
    const formatType = format ? getNamedType(format.type) : undefined;
    const geoJson = isEnumType(formatType) && formatType.getValue('GEOJSON') ? '(format: GEOJSON)' : '';
    return `${indent}    ${field.name}${geoJson}${selection(field.type, `${indent}    `)}`;
  });
  return `${indent}... on ${named.name} {\n${indent}  results {\n${lines.join('\n')}\n${indent}  }\n${indent}}`;
}

/**
 * The job workflow of the first asynchronous task: `submit<Task>Job` followed by `jobUpdates` in one
 * document (run the mutation, put the id in the variables, run the subscription), then a query that
 * fetches the results lazily, only the fields it selects.
 */
function jobTabs(schema: GraphQLSchema): GraphiqlTab[] {
  const submit = Object.values(schema.getMutationType()?.getFields() ?? {}).find((f) => /^submit.+Job$/.test(f.name));
  const inputArg = submit?.args.find((a) => a.name === 'input');
  if (!submit || !inputArg || !schema.getSubscriptionType()?.getFields().jobUpdates || !schema.getQueryType()?.getFields().job) return [];
  const name = submit.name.charAt(0).toUpperCase() + submit.name.slice(1);
  const workflow =
    `# 1. Run ${name}: the job starts and its id comes back.\n` +
    `# 2. Put that id in the variables ("id"), then run JobUpdates: status and progress stream until the job ends.\n` +
    `mutation ${name}($input: ${String(inputArg.type)}) {\n  ${submit.name}(input: $input) {\n    id\n    status\n  }\n}\n\n` +
    'subscription JobUpdates($id: ID!) {\n  jobUpdates(id: $id) {\n    status\n    final\n    progress { percent message }\n    newMessages { type description }\n  }\n}\n';
  const results =
    '# Results load lazily: each selected output is fetched from the GPServer when the job has SUCCEEDED.\n' +
    `query JobResults($id: ID!) {\n  job(id: $id) {\n    status\n${resultsSelection(submit.type, '    ')}\n  }\n}\n`;
  return [
    { query: workflow, variables: JSON.stringify({ input: exampleValue(inputArg.type), id: `<the id ${submit.name} returned>` }, null, 2) },
    { query: results, variables: JSON.stringify({ id: `<the id ${submit.name} returned>` }, null, 2) },
  ];
}

/**
 * GraphiQL's default tabs: the services overview, one `run<Task>` example per task (the first few)
 * with variables that fill the required inputs, then the job (submit, jobUpdates, results) and the
 * workflow (submitWorkflow, workflowUpdates). Three run tabs rather than four since the workflow tab
 * came: seven tabs already scroll GraphiQL's tab bar on a 1366-pixel screen.
 */
export function graphiqlTabs(schema: GraphQLSchema, maxTasks = 3): GraphiqlTab[] {
  const tabs: GraphiqlTab[] = [
    {
      query:
        '# The GP services behind this gateway and how each task maps to GraphQL.\nquery Services {\n  services {\n    name\n    status\n    error\n    tasks { name executionType runField parameters { name fieldName dataType required } }\n  }\n}\n',
    },
  ];
  const mutation = schema.getMutationType();
  const runs = Object.values(mutation?.getFields() ?? {})
    .filter((f) => f.name.startsWith('run'))
    .slice(0, maxTasks);
  for (const field of runs) {
    const inputArg = field.args.find((a) => a.name === 'input');
    const name = field.name.charAt(0).toUpperCase() + field.name.slice(1);
    const header = inputArg
      ? `mutation ${name}($input: ${String(inputArg.type)}) {\n  ${field.name}(input: $input)`
      : `mutation ${name} {\n  ${field.name}`;
    tabs.push({
      query: `${header}${selection(field.type, '  ')}\n}\n`,
      ...(inputArg ? { variables: JSON.stringify({ input: exampleValue(inputArg.type) }, null, 2) } : {}),
    });
  }
  const workflow = workflowTab(schema);
  return [...tabs, ...jobTabs(schema), ...(workflow ? [workflow] : [])];
}
