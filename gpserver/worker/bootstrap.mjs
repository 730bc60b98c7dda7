// Worker threads do not inherit the TypeScript loader of the main thread, so the worker
// starts from this plain module and loads its TypeScript entry through tsx.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
