import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { prepareBatch, type PrepareRequest, type PrepareResult } from './prepare-batch.ts';

/**
 * Prepares batches of records, in order, on a worker thread when the machine has a core
 * to spare, so that validation and hashing overlap with the writes of the previous batch
 * on the main thread. Falls back to the calling thread (same results) when it has not,
 * or when the worker cannot start.
 */
export class PreparePool {
  private worker: Worker | null = null;
  private readonly waiting: { req: PrepareRequest; resolve: (r: PrepareResult) => void }[] = [];
  private failed: Error | null = null;

  static shouldUseWorker(): boolean {
    return availableParallelism() > 1 && process.env.MESINFOS_IMPORT_WORKER !== '0';
  }

  /** True while batches go to a live worker thread. */
  get threaded(): boolean {
    return this.worker !== null && this.failed === null;
  }

  start(): void {
    if (this.worker) return;
    // The worker runs the TypeScript sources like the main thread does, through tsx,
    // registered by a plain JavaScript entry.
    const w = new Worker(new URL('./prepare-worker-entry.mjs', import.meta.url));
    w.on('message', (r: PrepareResult) => this.waiting.shift()?.resolve(r));
    // If the worker dies, what it had not answered is prepared here instead: same results.
    const fallBack = (e: Error) => {
      this.failed ??= e;
      for (const p of this.waiting.splice(0)) p.resolve(prepareBatch(p.req));
    };
    w.on('error', fallBack);
    w.on('exit', (code) => {
      if (this.worker === w) fallBack(new Error(`prepare worker exited with code ${code}`));
    });
    this.worker = w;
  }

  /** Prepares one batch; results come back in the order asked. */
  prepare(req: PrepareRequest): Promise<PrepareResult> {
    if (!this.worker || this.failed) return Promise.resolve(prepareBatch(req));
    return new Promise((resolve) => {
      this.waiting.push({ req, resolve });
      this.worker!.postMessage(req);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
