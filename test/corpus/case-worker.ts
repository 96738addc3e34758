import { parentPort } from 'node:worker_threads';
import type { CaseJob } from './job.js';
import { runCase } from './run-case.js';

/** One case at a time from the main thread; a failure that is not a direction's own becomes an error reply. */
parentPort!.on('message', (job: CaseJob) => {
  runCase(job).then(
    (results) => parentPort!.postMessage({ results }),
    (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
});
