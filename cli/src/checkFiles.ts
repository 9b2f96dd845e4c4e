// Checks many files over the machine's cores. A CI step over a folder of policies is CPU-bound:
// worker threads (each running this same bundle) take batches of files while this thread checks
// batches too; results are put back in the files' order, so the output is the same as one
// thread's. Few files are checked here alone: a worker's start-up would cost more than it saves.
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ApiVersion } from '../../core/src';
import { checkFile, type FileCheck } from './checkFile';

/** Below this many files, one thread is faster than starting workers (measured with `npm run bench`). */
export const PARALLEL_FROM_FILES = 200;
const BATCH = 25;
const MAX_WORKERS = 7;

/** Marks the worker threads this module starts, so the bundle's entry knows to serve batches. */
export const WORKER_MARK = 'accesspolicy-validate-worker';

interface Batch {
  id: number;
  files: string[];
}
interface BatchDone {
  id: number;
  checks: FileCheck[];
}

/**
 * Workers to start: one per idle core beyond this thread's, and only for many files. Cores busy
 * with other work (the load average, as `make -l` reads it) are not idle: a worker there only
 * competes with this thread and adds its own start-up, which `npm run bench` shows as a loss.
 */
export function workersFor(fileCount: number): number {
  const idleCores = Math.round(availableParallelism() - loadavg()[0]);
  return Math.max(0, Math.min(MAX_WORKERS, idleCores - 1, Math.floor(fileCount / PARALLEL_FROM_FILES)));
}

/**
 * Checks `files` in order. `jobs` is how many threads may check (this one included); without it,
 * this thread plus one worker per idle core when there are many files. `entry` is the script
 * workers run (this bundle).
 */
export async function checkFiles(files: string[], apiVersion: ApiVersion | undefined, entry: string, jobs?: number): Promise<FileCheck[]> {
  const batches: Batch[] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push({ id: batches.length, files: files.slice(i, i + BATCH) });
  const workerCount = Math.min(jobs === undefined ? workersFor(files.length) : jobs - 1, batches.length - 1);
  if (workerCount < 1) return files.map((f) => checkFile(f, apiVersion));

  const done: FileCheck[][] = new Array(batches.length);
  let next = 0;
  const take = (): Batch | undefined => (next < batches.length ? batches[next++] : undefined);

  const workers = Array.from({ length: workerCount }, () => new Worker(entry, { workerData: { mark: WORKER_MARK, apiVersion } }));
  const finished = workers.map(
    (worker) =>
      new Promise<void>((resolve, reject) => {
        let inFlight = 0;
        const feed = () => {
          const batch = take();
          if (batch) {
            inFlight++;
            worker.postMessage(batch);
          } else if (inFlight === 0) {
            void worker.terminate().then(() => resolve());
          }
        };
        worker.on('message', (m: BatchDone) => {
          inFlight--;
          done[m.id] = m.checks;
          feed();
        });
        worker.once('error', reject);
        // Two batches in flight, so a worker never waits for this thread to post the next one.
        worker.once('online', () => {
          feed();
          feed();
        });
      }),
  );
  // This thread works too, one batch at a time, yielding between batches so workers get fed.
  for (let batch = take(); batch; batch = take()) {
    done[batch.id] = batch.files.map((f) => checkFile(f, apiVersion));
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(finished);
  return done.flat();
}

/** The worker side: check each batch posted, post the results back. */
export function serveBatches(port: import('node:worker_threads').MessagePort, apiVersion: ApiVersion | undefined): void {
  port.on('message', (batch: Batch) => {
    const reply: BatchDone = { id: batch.id, checks: batch.files.map((f) => checkFile(f, apiVersion)) };
    port.postMessage(reply);
  });
}
