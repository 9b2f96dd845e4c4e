// Creates many new files on a thread of its own, so that `pull` reads Graph and builds file texts
// on this one meanwhile. Creating a file is CPU in the kernel on the disks measured (ext4: 0.4-1 ms
// per file, most of a 2,000-policy pull), so it is worth a core when one is free. The thread makes
// them one after another with synchronous calls: on ext4 creates issued at once contended and took
// twice the CPU, and fs.promises adds ~100 µs of the caller's time per file.
//
// The thread runs a few lines of plain JavaScript given as its source (`eval`), not a file of the
// bundle, so it starts in milliseconds and works the same from the CLI and the extension host.
// Where no thread can be started, the files are created on this thread, synchronously.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** A file to create: its folder (made if missing) and its text. */
export interface NewFile {
  dir: string;
  file: string;
  text: string;
}

/**
 * Files as the thread gets them: every text in one buffer that moves to the thread without a copy
 * (cloning 2,000 strings object by object cost this thread more than encoding them).
 */
interface Batch {
  id: number;
  dirs: string[];
  files: string[];
  /** Where each file's bytes end in `data`. */
  ends: number[];
  data: ArrayBuffer;
}
interface BatchDone {
  id: number;
  /** file → why it could not be created. */
  failed: [string, string][];
}

/** What the thread runs: the same steps as createNow, in CommonJS with no imports beyond Node's. */
const THREAD_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { mkdirSync, writeFileSync } = require('node:fs');
const made = new Set();
parentPort.on('message', (batch) => {
  const failed = [];
  let start = 0;
  batch.files.forEach((file, i) => {
    const dir = batch.dirs[i];
    const bytes = new Uint8Array(batch.data, start, batch.ends[i] - start);
    start = batch.ends[i];
    try {
      if (!made.has(dir)) { mkdirSync(dir, { recursive: true }); made.add(dir); }
      writeFileSync(file, bytes);
    } catch (e) {
      failed.push([file, e && e.message ? e.message : String(e)]);
    }
  });
  parentPort.postMessage({ id: batch.id, failed });
});
`;

export class FileCreator {
  /** The thread, started at the first flush; null once it cannot be (had, or never started). */
  private worker: Worker | null | undefined;
  private readonly made = new Set<string>();
  private pending: NewFile[] = [];
  private readonly inFlight = new Map<number, NewFile[]>();
  private nextId = 0;
  private idle: (() => void)[] = [];
  private readonly failures = new Map<string, string>();

  private thread(): Worker | null {
    if (this.worker !== undefined) return this.worker;
    try {
      const worker = new Worker(THREAD_SOURCE, { eval: true });
      worker.on('message', (m: BatchDone) => {
        this.inFlight.delete(m.id);
        for (const [file, reason] of m.failed) this.failures.set(file, reason);
        this.settle();
      });
      // A thread that fails hands its files back: they are created here.
      worker.once('error', () => this.lost(worker));
      worker.once('exit', () => this.lost(worker));
      this.worker = worker;
    } catch {
      this.worker = null;
    }
    return this.worker;
  }

  /** Queues a file; it is created after the next `flush`. */
  add(file: NewFile): void {
    this.pending.push(file);
  }

  /** Hands the queued files to the thread (or creates them here when there is none). */
  flush(): void {
    if (this.pending.length === 0) return;
    const files = this.pending;
    this.pending = [];
    const worker = this.thread();
    if (!worker) {
      this.createNow(files);
      return;
    }
    const id = this.nextId++;
    this.inFlight.set(id, files);
    const encoded = files.map((f) => Buffer.from(f.text, 'utf8'));
    const data = new Uint8Array(encoded.reduce((n, b) => n + b.length, 0));
    const ends: number[] = [];
    let end = 0;
    for (const b of encoded) {
      data.set(b, end);
      ends.push((end += b.length));
    }
    const batch: Batch = { id, dirs: files.map((f) => f.dir), files: files.map((f) => f.file), ends, data: data.buffer };
    // Holds the process open only while it has files to create.
    worker.ref();
    worker.postMessage(batch, [data.buffer]);
  }

  /** Resolves once every file handed over is created (or has failed: see `failure`). */
  drained(): Promise<void> {
    this.flush();
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Why the file could not be created, once drained; undefined when it was. */
  failure(file: string): string | undefined {
    return this.failures.get(file);
  }

  /** Ends the thread (after `drained`, nothing it was given is still being written). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private lost(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = null;
    const files = [...this.inFlight.values()].flat();
    this.inFlight.clear();
    this.createNow(files);
    this.settle();
  }

  private settle(): void {
    if (this.inFlight.size > 0) return;
    this.worker?.unref();
    for (const done of this.idle.splice(0)) done();
  }

  private createNow(files: NewFile[]): void {
    for (const f of files) {
      try {
        if (!this.made.has(f.dir)) {
          mkdirSync(f.dir, { recursive: true });
          this.made.add(f.dir);
        }
        writeFileSync(f.file, f.text, 'utf8');
      } catch (e) {
        this.failures.set(f.file, e instanceof Error ? e.message : String(e));
      }
    }
  }
}
