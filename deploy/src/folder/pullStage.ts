// Where `pull` writes the files of new policies while the tenant is still being read: a hidden
// folder inside the output folder, `.pull.accesspolicy.json.<12 hex>.tmp` (the .gitignore line
// of docs/deploy.md covers it), laid out as the output folder will be (catalog / access package).
// Creating thousands of files is most of a pull's own cost, and the read is mostly waiting for
// Graph, so the two overlap. Nothing the user sees changes before the read is whole: then each
// staged folder that does not exist yet in the output folder is moved there with one rename
// (a catalog or package folder appears complete, or not at all), and files into folders that
// exist are renamed one by one (each atomic, never over a file the pull did not choose). A read
// that fails removes the stage, and the output folder too if the pull made it, so a failed pull
// writes nothing. A stage left by a killed pull is removed by the next pull into that folder.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { errorMessage } from '../../../core/src';
import { PULL_STAGE_DIR } from './findPolicyFiles';
import { removeStaleEntries } from '../deploy/writeBack';

/** A stage this old was left by a killed pull; a live one is at most as old as the pull reading the tenant. */
const STALE_STAGE_MS = 60 * 60_000;
/** Staged files written at once: file system round trips, not CPU, are what thousands of creates wait on. */
const WRITERS = 16;

export interface StagedFile {
  /** Folder relative to the output folder (`<catalog>/<access package>`). */
  dir: string;
  staged: string;
  /** Set when writing it failed: the file is then written the ordinary way (and fails there with its reason). */
  failed?: boolean;
}

export interface Placement {
  /** Final path → undefined (placed) or why it could not be placed. */
  outcome: Map<string, string | undefined>;
}

export class PullStage {
  private readonly dirs = new Map<string, Promise<void>>();
  private readonly queue: (() => Promise<void>)[] = [];
  private running = 0;
  private idle: (() => void)[] = [];
  private count = 0;

  private constructor(
    readonly outDir: string,
    readonly root: string,
    /** The first folder of outDir's path that this pull made (removed again by discard), if any. */
    private readonly madeOut: string | undefined,
  ) {}

  /** A new stage in outDir (made if missing); undefined when the folder cannot be written (the ordinary writes then report why). */
  static async open(outDir: string): Promise<PullStage | undefined> {
    try {
      const madeOut = await fs.mkdir(outDir, { recursive: true });
      await removeStaleEntries(outDir, (name) => PULL_STAGE_DIR.test(name), 'directory', STALE_STAGE_MS);
      const root = path.join(outDir, `.pull.accesspolicy.json.${randomBytes(6).toString('hex')}.tmp`);
      await fs.mkdir(root);
      return new PullStage(outDir, root, madeOut);
    } catch {
      return undefined;
    }
  }

  /** Queues the file's text for writing in the stage folder `dir` (relative); returns at once. */
  add(dir: string, text: string): StagedFile {
    const file: StagedFile = { dir, staged: path.join(this.root, dir, `${this.count++}.tmp`) };
    this.queue.push(async () => {
      try {
        await this.ensureDir(dir);
        await fs.writeFile(file.staged, text, 'utf8');
      } catch {
        file.failed = true;
      }
    });
    this.pump();
    return file;
  }

  /** Resolves once every queued file is written (or has failed). */
  drained(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /**
   * Moves the staged files to their final paths (`moves`: staged file → final path, all under
   * outDir, each final folder being outDir/<its dir>). Whole folders where the output folder has
   * none yet; otherwise file by file. Then removes the stage.
   */
  async place(moves: { file: StagedFile; target: string }[]): Promise<Placement> {
    await this.drained();
    const outcome = new Map<string, string | undefined>();
    // Each staged file gets its final name inside the stage first, so a moved folder is complete.
    const named: { file: StagedFile; target: string; staged: string }[] = [];
    await runLimited(
      moves.map((m) => async () => {
        const staged = path.join(this.root, m.file.dir, path.basename(m.target));
        try {
          await fs.rename(m.file.staged, staged);
          named.push({ ...m, staged });
        } catch (e) {
          outcome.set(m.target, errorMessage(e));
        }
      }),
    );
    // Group by folder, top-down: a folder missing from outDir is moved whole, else its children are.
    const byDir = new Map<string, typeof named>();
    for (const n of named) byDir.set(n.file.dir, [...(byDir.get(n.file.dir) ?? []), n]);
    const tree = new Map<string, Set<string>>();
    for (const dir of byDir.keys()) {
      const parts = dir.split(path.sep);
      for (let i = 1; i <= parts.length; i++) {
        const parent = parts.slice(0, i - 1).join(path.sep);
        const child = parts.slice(0, i).join(path.sep);
        if (!tree.has(parent)) tree.set(parent, new Set());
        tree.get(parent)!.add(child);
      }
    }
    const filesUnder = (rel: string) => named.filter((n) => n.file.dir === rel || n.file.dir.startsWith(rel + path.sep));
    const placeDir = async (rel: string): Promise<void> => {
      const target = path.join(this.outDir, rel);
      if (!(await exists(target))) {
        try {
          await fs.rename(path.join(this.root, rel), target);
          for (const n of filesUnder(rel)) outcome.set(n.target, undefined);
          return;
        } catch {
          // Made meanwhile, or not a folder: go in and place what is inside one by one.
        }
      }
      await runLimited([...(tree.get(rel) ?? [])].map((child) => () => placeDir(child)));
      await runLimited(
        (byDir.get(rel) ?? []).map((n) => async () => {
          try {
            await fs.mkdir(path.dirname(n.target), { recursive: true });
            await fs.rename(n.staged, n.target);
            outcome.set(n.target, undefined);
          } catch (e) {
            outcome.set(n.target, errorMessage(e));
          }
        }),
      );
    };
    await runLimited([...(tree.get('') ?? [])].map((top) => () => placeDir(top)));
    await fs.rm(this.root, { recursive: true, force: true }).catch(() => undefined);
    return { outcome };
  }

  /** The read failed: the stage goes, and the output folder if this pull made it (nothing was written). */
  async discard(): Promise<void> {
    this.queue.length = 0;
    await this.drained();
    await fs.rm(this.root, { recursive: true, force: true }).catch(() => undefined);
    if (!this.madeOut) return;
    // Only the folders this pull made, and only while empty: from outDir up to the first one made.
    for (let dir = this.outDir; ; dir = path.dirname(dir)) {
      try {
        await fs.rmdir(dir);
      } catch {
        return;
      }
      if (dir === this.madeOut || path.dirname(dir) === dir) return;
    }
  }

  private ensureDir(dir: string): Promise<void> {
    let p = this.dirs.get(dir);
    if (!p) this.dirs.set(dir, (p = fs.mkdir(path.join(this.root, dir), { recursive: true }).then(() => undefined)));
    return p;
  }

  private pump(): void {
    while (this.running < WRITERS && this.queue.length) {
      const job = this.queue.shift()!;
      this.running++;
      void job().finally(() => {
        this.running--;
        this.pump();
        if (this.running === 0 && this.queue.length === 0) for (const done of this.idle.splice(0)) done();
      });
    }
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}

/** Runs the jobs WRITERS at a time. */
async function runLimited(jobs: (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < jobs.length; i = next++) await jobs[i]();
  };
  await Promise.all(Array.from({ length: Math.min(WRITERS, jobs.length) }, worker));
}
