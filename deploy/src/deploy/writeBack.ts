// Writes the policy id the service assigned back into the file as one small edit, keeping the
// author's comments, order and indentation, and replaces the file atomically so a crash never
// leaves half a policy on disk (nor, after the next write, a stray temp file).
import { applyEdits, modify, parseTree, findNodeAtLocation, type Edit } from 'jsonc-parser';
import { detectFormatting } from '../../../core/src';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The minimal edits that set the id (for an editor buffer, where a whole-text replace would move the cursor). */
export function policyIdEdits(text: string, id: string): Edit[] {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root || root.type !== 'object') throw new Error('The file does not hold a JSON object, so the policy id cannot be written into it.');
  const keys = (root.children ?? []).map((p) => String(p.children?.[0]?.value));
  const existing = findNodeAtLocation(root, ['id']);
  const edits = modify(text, ['id'], id, {
    formattingOptions: detectFormatting(text),
    // A new `id` goes first, or right after `$schema`, where a reader looks for it.
    getInsertionIndex: existing ? undefined : () => (keys[0] === '$schema' ? 1 : 0),
  });
  return edits;
}

// The one algorithm, shared with the quick fixes; re-exported for the deploy core's other writers.
export { detectFormatting };

/** Temp files of writeFileAtomic: `.<name>.<12 hex>.tmp` beside the file (docs/deploy.md has the .gitignore line). */
const TEMP_NAME = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;
/** A temp file this old was left by a killed write; a live write takes milliseconds. */
const STALE_TEMP_MS = 60_000;

/**
 * Replaces a file's content atomically: a temp file in the same folder, then rename. A symlink is
 * written through (the link stays, its target gets the new content). Temp files of this file that
 * a killed earlier write left behind are removed first.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  let target = file;
  try {
    target = await fs.realpath(file);
  } catch {
    target = file; // a new file: nothing to resolve
  }
  await removeStaleTemps(path.dirname(target), path.basename(target));
  let mode: number | undefined;
  try {
    mode = (await fs.stat(target)).mode;
  } catch {
    mode = undefined;
  }
  await writeThenRename(target, text, mode);
}

/**
 * writeFileAtomic for a file in a folder this process has just made (`pull` into a new package
 * folder): no link to follow, no mode to keep and no temp file left by an earlier write can be
 * there, so only the write and the rename remain, still atomic.
 */
export async function writeFileAtomicInNewFolder(file: string, text: string): Promise<void> {
  await writeThenRename(file, text, undefined);
}

async function writeThenRename(target: string, text: string, mode: number | undefined): Promise<void> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(tmp, text, { encoding: 'utf8', mode });
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

async function removeStaleTemps(dir: string, base: string): Promise<void> {
  await removeStaleEntries(dir, (name) => TEMP_NAME.exec(name)?.[1] === base, 'file', STALE_TEMP_MS);
}

/**
 * Removes what a killed write left in `dir`: the entries of that kind whose name `ours` recognises,
 * older than `maxAgeMs` (a live write's are younger). Temp files, or the stage folders of `pull` (pullStage.ts).
 */
export async function removeStaleEntries(
  dir: string,
  ours: (name: string) => boolean,
  kind: 'file' | 'directory',
  maxAgeMs: number,
): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!ours(name)) continue;
    const full = path.join(dir, name);
    try {
      const st = await fs.lstat(full);
      if ((kind === 'file' ? st.isFile() : st.isDirectory()) && now - st.mtimeMs > maxAgeMs)
        await fs.rm(full, { recursive: true, force: true });
    } catch {
      // Gone already, or not ours to remove: the write goes ahead either way.
    }
  }
}

/** What to do about the id after a deploy, given the file as it is now and as the deploy read it. */
export type IdWriteBack = { kind: 'write'; edits: Edit[]; note?: string } | { kind: 'skip'; note?: string };

/**
 * The one rule for writing the id back, shared by the CLI (file on disk) and the editor (buffer):
 * if the file changed since the deploy read it, the id is still added as long as the file has
 * none; an id already there that differs is left alone and reported, never overwritten.
 */
export function planIdWriteBack(now: string, expectedText: string, id: string): IdWriteBack {
  const root = parseTree(now, [], { allowTrailingComma: true });
  const existing = root ? findNodeAtLocation(root, ['id']) : undefined;
  if (existing && existing.value === id) return { kind: 'skip' };
  if (existing && now !== expectedText) {
    return {
      kind: 'skip',
      note: `The file changed during the deploy and now names policy ${String(existing.value)}; the deployed id ${id} was not written.`,
    };
  }
  return {
    kind: 'write',
    edits: policyIdEdits(now, id),
    note: now !== expectedText ? 'The file changed during the deploy; only the id was added to the new content.' : undefined,
  };
}

/** Writes the id into the file on disk (see planIdWriteBack), replacing the file atomically. */
export async function writePolicyIdToFile(file: string, id: string, expectedText: string): Promise<{ written: boolean; note?: string }> {
  const now = await fs.readFile(file, 'utf8');
  const decision = planIdWriteBack(now, expectedText, id);
  if (decision.kind === 'skip') return { written: false, note: decision.note };
  await writeFileAtomic(file, applyEdits(now, decision.edits));
  return { written: true, note: decision.note };
}
