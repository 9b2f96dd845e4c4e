// The CLI's verdicts for `plan` and `apply` over many files, on several threads as `validate`
// checks them (checkFiles.ts): the plan hands each file's text to `verdict`; texts go in batches to
// worker threads running this same bundle (dist/cli.js), and this thread checks batches too while
// it waits. Every verdict is core's validatePolicy on the file's text with the same default
// version, wherever it runs, so a file is refused exactly when `validate` reports errors in it.
// A worker's answer carries the parsed document instead of the parse (which does not cross
// threads); the plan parses a file again only if something needs positions.
import { performance } from 'node:perf_hooks';
import { Worker, type MessagePort } from 'node:worker_threads';
import { type ApiVersion, type PolicyDiagnostic, type ValidationResult, validatePolicy } from '../../core/src';
import { workersFor } from './checkFiles';

/** Marks the worker threads of this module, so the bundle's entry knows to serve text batches. */
export const VERDICT_WORKER_MARK = 'accesspolicy-verdict-worker';
const BATCH = 25;
/** How long this thread checks before the event loop's next turn. */
const SLICE_MS = 3;

interface TextBatch {
  id: number;
  items: { text: string; defaultApiVersion: ApiVersion }[];
}
interface RemoteVerdict {
  apiVersion: ApiVersion;
  diagnostics: PolicyDiagnostic[];
  value: unknown;
}
interface BatchDone {
  id: number;
  verdicts: RemoteVerdict[];
}
export type Verdict = ValidationResult | RemoteVerdict;

interface Job {
  text: string;
  defaultApiVersion: ApiVersion;
  resolve: (v: Verdict) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  online: boolean;
  inFlight: Map<number, Job[]>;
}

export class VerdictPool {
  private readonly queue: Job[] = [];
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private scheduled = false;

  /** `jobs`: threads that may check (this one included); without it, as `validate` decides for `fileCount` files. */
  constructor(entry: string, fileCount: number, jobs?: number) {
    const count = Math.min(jobs === undefined ? workersFor(fileCount) : jobs - 1, Math.ceil(fileCount / BATCH) - 1);
    for (let i = 0; i < count; i++) {
      const slot: Slot = { worker: new Worker(entry, { workerData: { mark: VERDICT_WORKER_MARK } }), online: false, inFlight: new Map() };
      slot.worker.on('message', (m: BatchDone) => {
        const jobs = slot.inFlight.get(m.id) ?? [];
        slot.inFlight.delete(m.id);
        jobs.forEach((j, k) => j.resolve(m.verdicts[k]));
        // Only feed the worker here: Node delivers a port's messages in one go, those arriving
        // meanwhile included (a thousand or more before the event loop turns), so checking on
        // this thread per message held off the loop, and Graph's answers with it, for as long as
        // the workers kept replying.
        this.feedWorkers();
        this.schedule();
      });
      slot.worker.once('online', () => {
        slot.online = true;
        this.dispatch();
      });
      // A worker that fails hands its batches back: this thread checks them.
      const lost = () => {
        this.slots.splice(this.slots.indexOf(slot), 1);
        for (const jobs of slot.inFlight.values()) this.queue.unshift(...jobs);
        slot.inFlight.clear();
        this.schedule();
      };
      slot.worker.once('error', lost);
      slot.worker.once('exit', () => this.slots.includes(slot) && lost());
      this.slots.push(slot);
    }
  }

  /** Threads checking: this one and the workers. */
  get threads(): number {
    return 1 + this.slots.length;
  }

  readonly verdict = (text: string, defaultApiVersion: ApiVersion): Promise<Verdict> =>
    new Promise((resolve, reject) => {
      this.queue.push({ text, defaultApiVersion, resolve, reject });
      this.schedule();
    });

  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.dispatch();
    });
  }

  /** The workers' share, then a slice of this thread's; the next slice waits for the event loop's next turn. */
  private dispatch(): void {
    this.feedWorkers();
    if (this.queue.length === 0) return;
    // A slice of time, not a count: the first checks of a process run unoptimised and take many
    // times longer than later ones, and a Graph answer waiting behind a fixed batch of them holds
    // back the next page's request, the plan's critical path against a remote Graph.
    const until = performance.now() + SLICE_MS;
    do {
      const job = this.queue.shift()!;
      try {
        job.resolve(validatePolicy(job.text, { defaultApiVersion: job.defaultApiVersion }));
      } catch (e) {
        job.reject(e);
      }
    } while (this.queue.length && performance.now() < until);
    // Replies, file reads and Graph answers get their turn before the next slice.
    this.schedule();
  }

  /** Two batches in flight per worker, so it never waits for the next. */
  private feedWorkers(): void {
    for (const slot of this.slots) {
      while (slot.online && slot.inFlight.size < 2 && this.queue.length) {
        const jobs = this.queue.splice(0, BATCH);
        const id = this.nextId++;
        slot.inFlight.set(id, jobs);
        const batch: TextBatch = { id, items: jobs.map((j) => ({ text: j.text, defaultApiVersion: j.defaultApiVersion })) };
        slot.worker.postMessage(batch);
      }
    }
  }
}

/** The worker side: the verdict on each text posted, with the parsed document (a parse does not cross threads). */
export function serveVerdicts(port: MessagePort): void {
  port.on('message', (batch: TextBatch) => {
    const verdicts = batch.items.map(({ text, defaultApiVersion }): RemoteVerdict => {
      const r = validatePolicy(text, { defaultApiVersion });
      return { apiVersion: r.apiVersion, diagnostics: r.diagnostics, value: r.parsed.value };
    });
    const reply: BatchDone = { id: batch.id, verdicts };
    port.postMessage(reply);
  });
}
