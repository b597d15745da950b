/** Starts the search index's worker (one module, so Vite finds the worker for the app and the benchmark alike). */
export const startSearchWorker = (): Worker =>
  new Worker(new URL('../workers/searchIndex.worker.ts', import.meta.url), { type: 'module' });
