import type { Builder } from '../builder.js';

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
