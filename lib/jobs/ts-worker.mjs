// Entry of a lib/jobs worker thread when its task module is not precompiled (worker-bundle.ts): loads
// TypeScript through tsx (as bin/cbh.js does), then the task module named in workerData (a file URL),
// which serves tasks with serveTasks().
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";
register();
await import(workerData.taskModule);
