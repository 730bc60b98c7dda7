import type { Builder } from '../builder.js';

export interface GpOptionsShape {
  readonly outSR?: number | null;
  readonly processSR?: number | null;
  readonly returnZ?: boolean | null;
  readonly returnM?: boolean | null;
}

/** Request environment of execute and submitJob (`env:outSR`, `env:processSR`, `returnZ`, `returnM`). */
export function addOptionTypes(builder: Builder) {
  const gpOptions = builder.inputType('GPOptions', {
    description: 'Environment settings sent with the task request.',
    fields: (t) => ({
      outSR: t.int({ description: 'Well-known ID of the spatial reference for feature outputs (env:outSR).' }),
      processSR: t.int({ description: 'Well-known ID of the spatial reference the task computes in (env:processSR).' }),
      returnZ: t.boolean({ description: 'Keep z values in feature outputs.' }),
      returnM: t.boolean({ description: 'Keep m values in feature outputs.' }),
    }),
  });
  return { gpOptions };
}

/** The REST parameters for the options; absent options send nothing (the server's defaults apply). */
export function optionsToParams(options: GpOptionsShape | null | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  if (options?.outSR != null) params['env:outSR'] = String(options.outSR);
  if (options?.processSR != null) params['env:processSR'] = String(options.processSR);
  if (options?.returnZ != null) params.returnZ = String(options.returnZ);
  if (options?.returnM != null) params.returnM = String(options.returnM);
  return params;
}
