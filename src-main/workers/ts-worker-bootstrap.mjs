// Starts a TypeScript worker when the desk runs from its sources (the browser host and the tests run under
// tsx, whose loader a worker thread does not inherit). The Electron build bundles each worker as plain
// JavaScript and starts it directly, without this file.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
