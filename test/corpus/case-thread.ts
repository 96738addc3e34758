import { Worker } from 'node:worker_threads';
import type { CaseJob, DirectionResult } from './job.js';

type Reply = { results: DirectionResult[] } | { error: string };

/**
 * A worker thread that runs cases. A thread, not a promise, so that a case stuck in a synchronous
 * loop can still be stopped: terminate() ends it whatever it is doing.
 */
export class CaseThread {
  private readonly worker = new Worker(new URL('./case-worker.mjs', import.meta.url));

  run(job: CaseJob): Promise<DirectionResult[]> {
    return new Promise((resolve, reject) => {
      const settle = (done: () => void) => {
        this.worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        done();
      };
      const onMessage = (reply: Reply) =>
        settle(() => ('results' in reply ? resolve(reply.results) : reject(new Error(reply.error))));
      const onError = (error: Error) => settle(() => reject(new Error(`worker crashed: ${error.message}`)));
      const onExit = (code: number) => settle(() => reject(new Error(`worker exited (${code})`)));
      this.worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      this.worker.postMessage(job);
    });
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}
