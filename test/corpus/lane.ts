import { CaseThread } from './case-thread.js';
import type { CaseJob, DirectionResult } from './job.js';
import { dropDatabases, sessionsGone, shadowsOf } from './server.js';

/**
 * One of the --jobs slots: runs one case at a time on its own worker thread and enforces the
 * per-case timeout. A case that is stopped takes its thread with it; the next case gets a new one.
 */
export class Lane {
  private thread?: CaseThread;
  private stop?: (reason: string) => void;
  private interrupted = false;

  async run(job: CaseJob, tag: string, timeoutMs: number): Promise<DirectionResult[]> {
    if (this.interrupted) throw new Error('interrupted');
    const thread = (this.thread ??= new CaseThread());
    let timer: NodeJS.Timeout | undefined;
    const stopped = new Promise<never>((_, reject) => {
      this.stop = (reason) => reject(new Error(reason));
      timer = setTimeout(() => this.stop?.(`timed out after ${timeoutMs / 1000} s`), timeoutMs);
    });
    try {
      return await Promise.race([thread.run(job), stopped]);
    } catch (error) {
      await this.discard(tag);
      throw error;
    } finally {
      clearTimeout(timer);
      this.stop = undefined;
    }
  }

  /** Stops the running case as a timeout would, and refuses further ones (Ctrl-C). */
  interrupt(): void {
    this.interrupted = true;
    this.stop?.('interrupted');
  }

  async close(): Promise<void> {
    await this.thread?.terminate();
    this.thread = undefined;
  }

  /**
   * The shadows are looked up before the thread ends, while its sessions still show them: once it
   * is gone, nothing names them any more. They are dropped once its sessions have ended.
   */
  private async discard(tag: string): Promise<void> {
    const shadows = await shadowsOf(tag).catch(() => []);
    await this.close();
    await sessionsGone(tag).catch(() => undefined);
    await dropDatabases(shadows);
  }
}
