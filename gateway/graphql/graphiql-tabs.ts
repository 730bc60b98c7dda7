import { getNamedType, isObjectType, type GraphQLField, type GraphQLOutputType, type GraphQLSchema } from 'graphql';
import { exampleValue } from './example-values.js';

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

/**
 * GraphiQL's default tabs: the services overview, then one `run<Task>` example per task
 * (the first few), with variables that fill the required inputs.
 */
export function graphiqlTabs(schema: GraphQLSchema, maxTasks = 4): GraphiqlTab[] {
  const tabs: GraphiqlTab[] = [
    { query: '# The GP services behind this gateway and how each task maps to GraphQL.\nquery Services {\n  services {\n    name\n    status\n    error\n    tasks { name executionType runField parameters { name fieldName dataType required } }\n  }\n}\n' },
  ];
  const mutation = schema.getMutationType();
  const runs = Object.values(mutation?.getFields() ?? {}).filter((f) => f.name.startsWith('run')).slice(0, maxTasks);
  for (const field of runs) {
    const inputArg = field.args.find((a) => a.name === 'input');
    const name = field.name.charAt(0).toUpperCase() + field.name.slice(1);
    const header = inputArg ? `mutation ${name}($input: ${String(inputArg.type)}) {\n  ${field.name}(input: $input)` : `mutation ${name} {\n  ${field.name}`;
    tabs.push({
      query: `${header}${selection(field.type, '  ')}\n}\n`,
      ...(inputArg ? { variables: JSON.stringify({ input: exampleValue(inputArg.type) }, null, 2) } : {}),
    });
  }
  return tabs;
}
