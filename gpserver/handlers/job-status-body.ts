import type { Job } from '../jobs/job.js';

function paramUrls(names: readonly string[], kind: 'results' | 'inputs'): Record<string, { paramUrl: string }> {
  return Object.fromEntries(names.map((name) => [name, { paramUrl: `${kind}/${name}` }]));
}

/** The GP job resource's JSON (https://developers.arcgis.com/rest/services-reference/enterprise/gp-job.htm). */
export function jobStatusBody(job: Readonly<Job>, returnMessages: boolean): object {
  const succeeded = job.status === 'esriJobSucceeded';
  const names = (direction: string): string[] => job.task.parameters.filter((p) => p.direction === direction).map((p) => p.name);
  return {
    jobId: job.id,
    jobStatus: job.status,
    ...(job.progress ? { progress: job.progress } : {}),
    ...(succeeded
      ? {
          results: paramUrls(names('esriGPParameterDirectionOutput'), 'results'),
          inputs: paramUrls(names('esriGPParameterDirectionInput'), 'inputs'),
        }
      : {}),
    messages: returnMessages ? job.messages : [],
  };
}
