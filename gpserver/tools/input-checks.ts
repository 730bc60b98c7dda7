import type { TaskDefinition, ToolId } from '../model/service.js';
import type { ToolInputs } from '../model/tool.js';
import { ParameterError } from '../params/parameter-error.js';
import { planElevationGrid, type InputProblem } from './extract-elevation-grid.js';

/** What a tool can tell about its inputs before it runs: cheap, on the request's thread. */
type InputCheck = (inputs: ToolInputs) => readonly InputProblem[];

/**
 * Checks of tools whose limits depend on several inputs together (each value alone already passed
 * its data type's parser), so a request beyond them is refused as invalid parameters, naming the
 * parameter, instead of becoming a job that fails.
 */
const INPUT_CHECKS: Readonly<Partial<Record<ToolId, InputCheck>>> = {
  'extract-elevation': (inputs) => {
    const plan = planElevationGrid(inputs);
    return 'problems' in plan ? plan.problems : [];
  },
};

/** The task's problems with its validated inputs, as the messages of an invalid-parameters error. */
export function checkTaskInputs(task: TaskDefinition, inputs: ToolInputs): string[] {
  const check = INPUT_CHECKS[task.tool];
  if (check === undefined) return [];
  return check(inputs).map((problem) => {
    const param = task.parameters.find((p) => p.name === problem.parameter) ?? { name: problem.parameter, displayName: problem.parameter };
    return new ParameterError(param, problem.detail).message;
  });
}
