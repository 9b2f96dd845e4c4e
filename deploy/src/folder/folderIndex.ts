// Which file of a folder holds which policy id. Files are read once and parsed with jsonc-parser
// (comments allowed); a file that does not parse, or has no id, is listed without one. The index
// is what lets `pull` update a policy in the file that already holds it, under any name.
import { readFileSync, statSync } from 'node:fs';
import { parseTree, findNodeAtLocation } from 'jsonc-parser';
import { findPolicyFiles } from './findPolicyFiles';
import type { ActiveEnvironment } from '../environments/index';
import { errorMessage } from '../../../core/src';

export interface IndexedFile {
  file: string;
  text: string;
  id?: string;
}

export interface FolderIndex {
  files: IndexedFile[];
  /** Lowercase policy id → the first file (in path order) that names it. */
  byId: Map<string, IndexedFile>;
  /** Files that name an id another file already names. */
  duplicateIds: IndexedFile[];
  unreadable: { arg: string; reason: string }[];
}

export function policyIdInText(text: string): string | undefined {
  const root = parseTree(text.replace(/^\uFEFF/, ''), [], { allowTrailingComma: true, disallowComments: false });
  if (!root || root.type !== 'object') return undefined;
  const node = findNodeAtLocation(root, ['id']);
  return node && typeof node.value === 'string' && node.value.trim() !== '' ? node.value.trim() : undefined;
}

/** With an environment, a file's id is the one its ids file records for that environment. */
export async function indexFolder(dir: string, environment?: ActiveEnvironment): Promise<FolderIndex> {
  let exists = true;
  try {
    statSync(dir);
  } catch {
    exists = false;
  }
  const found = exists ? findPolicyFiles([dir]) : { files: [], unreadable: [], empty: [] };
  const files: IndexedFile[] = [];
  const unreadable = [...found.unreadable];
  // Read synchronously: for thousands of small files fs.promises costs ten times the reads themselves
  // (a FileHandle, three round trips and their promises per file), and the folder is listed synchronously anyway.
  for (const file of found.files) {
    try {
      const text = readFileSync(file, 'utf8');
      files.push({ file, text, id: environment ? environment.ids.idOf(file, environment.name) : policyIdInText(text) });
    } catch (e) {
      unreadable.push({ arg: file, reason: errorMessage(e) });
    }
  }
  const byId = new Map<string, IndexedFile>();
  const duplicateIds: IndexedFile[] = [];
  for (const f of files) {
    if (!f.id) continue;
    const k = f.id.toLowerCase();
    if (byId.has(k)) duplicateIds.push(f);
    else byId.set(k, f);
  }
  return { files, byId, duplicateIds, unreadable };
}
