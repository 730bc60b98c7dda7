import type { ToolFunction, ToolOutputs } from '../model/tool.js';

const INPUT_PREFIX = 'In_';
const OUTPUT_PREFIX = 'Out_';

/**
 * Returns each `In_<suffix>` input as `Out_<suffix>`, unchanged: the inputs are already validated
 * and canonical, so the output shows exactly what the parameter parser made of the request.
 */
export const echoAllTypes: ToolFunction = (inputs, context) => {
  const outputs: ToolOutputs = {};
  for (const [name, value] of Object.entries(inputs)) {
    if (value === undefined || !name.startsWith(INPUT_PREFIX)) continue;
    outputs[OUTPUT_PREFIX + name.slice(INPUT_PREFIX.length)] = value;
  }
  const names = Object.keys(outputs);
  context.message('esriJobMessageTypeInformative', `Echoed ${names.length} value${names.length === 1 ? '' : 's'}: ${names.join(', ')}`);
  return Promise.resolve(outputs);
};
