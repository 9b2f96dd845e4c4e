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
//
// The staged files are created on a thread of their own (fileCreator.ts) as each page arrives
// (GraphClient.list has already asked for the next page, which Graph prepares meanwhile); placing
// them is renames, cheap and synchronous.
import { lstatSync, mkdirSync, promises as fs, renameSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { errorMessage } from '../../../core/src';
import { PULL_STAGE_DIR } from './findPolicyFiles';
import { removeStaleEntries } from '../deploy/writeBack';
import { FileCreator } from './fileCreator';

/** A stage this old was left by a killed pull; a live one is at most as old as the pull reading the tenant. */
const STALE_STAGE_MS = 60 * 60_000;

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
  private readonly creator = new FileCreator();
  private readonly files: StagedFile[] = [];
  private count = 0;
  private discarded = false;

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

  /** Queues the file's text for the stage folder `dir` (relative); written after the next `flush`. */
  add(dir: string, text: string): StagedFile {
    const file: StagedFile = { dir, staged: path.join(this.root, dir, `${this.count++}.tmp`) };
    if (this.discarded) {
      file.failed = true;
      return file;
    }
    this.files.push(file);
    this.creator.add({ dir: path.join(this.root, dir), file: file.staged, text });
    return file;
  }

  /** Starts writing the files added so far (a page's worth). */
  flush(): void {
    this.creator.flush();
  }

  /** Resolves once every file added is written; those that could not be are marked `failed`. */
  async drained(): Promise<void> {
    await this.creator.drained();
    for (const f of this.files) if (this.creator.failure(f.staged) !== undefined) f.failed = true;
  }

  /**
   * Moves the staged files to their final paths (`moves`: staged file → final path, all under
   * outDir, each final folder being outDir/<its dir>). Whole folders where the output folder has
   * none yet; otherwise file by file. Then removes the stage.
   */
  async place(moves: { file: StagedFile; target: string }[]): Promise<Placement> {
    await this.drained();
    await this.creator.close();
    const outcome = new Map<string, string | undefined>();
    // Each staged file gets its final name inside the stage first, so a moved folder is complete.
    const named: { file: StagedFile; target: string; staged: string }[] = [];
    for (const m of moves) {
      const staged = path.join(this.root, m.file.dir, path.basename(m.target));
      try {
        renameSync(m.file.staged, staged);
        named.push({ ...m, staged });
      } catch (e) {
        outcome.set(m.target, errorMessage(e));
      }
    }
    // Group by folder, top-down: a folder missing from outDir is moved whole, else its children are.
    const byDir = new Map<string, typeof named>();
    for (const n of named) {
      const list = byDir.get(n.file.dir);
      if (list) list.push(n);
      else byDir.set(n.file.dir, [n]);
    }
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
    const placeDir = (rel: string): void => {
      const target = path.join(this.outDir, rel);
      if (!exists(target)) {
        try {
          renameSync(path.join(this.root, rel), target);
          for (const n of filesUnder(rel)) outcome.set(n.target, undefined);
          return;
        } catch {
          // Made meanwhile, or not a folder: go in and place what is inside one by one.
        }
      }
      for (const child of tree.get(rel) ?? []) placeDir(child);
      for (const n of byDir.get(rel) ?? []) {
        try {
          mkdirSync(path.dirname(n.target), { recursive: true });
          renameSync(n.staged, n.target);
          outcome.set(n.target, undefined);
        } catch (e) {
          outcome.set(n.target, errorMessage(e));
        }
      }
    };
    for (const top of tree.get('') ?? []) placeDir(top);
    await fs.rm(this.root, { recursive: true, force: true }).catch(() => undefined);
    return { outcome };
  }

  /** The read failed: the stage goes, and the output folder if this pull made it (nothing was written). */
  async discard(): Promise<void> {
    this.discarded = true;
    // Nothing may still be writing into the stage once it is removed.
    await this.creator.drained();
    await this.creator.close();
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
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}
