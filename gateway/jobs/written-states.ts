import type { JobState } from '../../core/jobs/job-state.js';
import type { JobStore } from './job-store.js';

/**
 * `store`, telling `onWritten` of each state it wrote. A version is written once across every
 * instance sharing the store (a late or concurrent writer of the same version writes nothing), so
 * what reacts to a change here — webhook events — happens once per change, on the instance that made it.
 */
export function tellingWrites(store: JobStore, onWritten: (state: JobState) => void): JobStore {
  return {
    get: (key) => store.get(key),
    subscribe: (key, listener) => store.subscribe(key, listener),
    async put(state) {
      const written = await store.put(state);
      if (written) onWritten(state);
      return written;
    },
  };
}
