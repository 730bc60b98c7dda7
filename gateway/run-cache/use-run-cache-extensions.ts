import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import type { RunCacheNote } from '../../schema/context.js';

/**
 * `extensions.runCache`: for each `run<Task>` of a cached task, whether the cache answered and how old
 * the answer is. Hooked on execute, so every door (Yoga, the plain POST door, graphql-ws) reports it.
 */
export function useRunCacheExtensions(): Plugin<{ runCache?: RunCacheNote[] }> {
  return {
    onExecute({ extendContext }) {
      const notes: RunCacheNote[] = [];
      extendContext({ runCache: notes });
      let sent = 0;
      return {
        onExecuteDone: (payload) =>
          handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            if (notes.length === sent) return;
            const fresh = notes.slice(sent);
            sent = notes.length;
            setResult({ ...result, extensions: { ...result.extensions, runCache: fresh } });
          }),
      };
    },
  };
}
