// Bootstrap of a worker thread run from the TypeScript sources (see start-worker.ts): loader
// hooks are per thread, so tsx is registered here before the worker's own module is imported.
import { pathToFileURL } from 'node:url';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(pathToFileURL(workerData.entry).href);
