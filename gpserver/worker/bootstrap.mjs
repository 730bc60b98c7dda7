// Worker threads do not inherit the TypeScript loader of the main thread, so the worker starts
// from this plain module: a compiled entry (.js) is imported as it is, a TypeScript one (from the
// sources, in development) through tsx, which a production install does not need.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport(workerData.entry, import.meta.url);
} else {
  await import(workerData.entry);
}
