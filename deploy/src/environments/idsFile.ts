// accesspolicy.ids.json: the deployed policy id of each policy file in each environment, beside the
// folder configuration, committed and reviewed like the policies. A policy's id differs per tenant,
// so in a folder with environments it lives here rather than in the policy file. The file is one
// entry per policy file (its path relative to the config's folder, with "/"), then one id per
// environment; keys sorted, no timestamps, so a deploy changes exactly the lines of what it
// created. Writes are atomic and merge with the file as it is on disk at that moment.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IDS_FILE_NAME } from '../../../core/src';
import { writeFileAtomic } from '../deploy/writeBack';
import { EnvironmentError } from './environmentError';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COMMENT =
  "Written by accesspolicy deploy/apply/pull: the id of each policy file's policy in each environment of accesspolicy.config.json. Commit it with the policies.";

/** Policy file (relative, "/"-separated) → environment → policy id. */
export type IdsByFile = Record<string, Record<string, string>>;

export class IdsFile {
  private pending: { key: string; env: string; id: string }[] = [];

  private constructor(
    readonly file: string,
    readonly folder: string,
    private entries: IdsByFile,
  ) {}

  /** Reads the ids file of the config in `folder` (an absent file holds no ids). Small: read at once. */
  static load(folder: string): IdsFile {
    const file = path.join(folder, IDS_FILE_NAME);
    return new IdsFile(file, folder, readIds(file));
  }

  /** The key of a policy file: its path relative to the config's folder, with "/". */
  keyOf(policyFile: string): string {
    return path.relative(this.folder, path.resolve(policyFile)).split(path.sep).join('/');
  }

  idOf(policyFile: string, env: string): string | undefined {
    return this.entries[this.keyOf(policyFile)]?.[env];
  }

  /** Every id recorded for `env`, by key. */
  idsIn(env: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const [key, perEnv] of Object.entries(this.entries)) if (perEnv[env]) out.set(key, perEnv[env]);
    return out;
  }

  /** Records an id and writes the file at once (merged with what is on disk now). */
  set(policyFile: string, env: string, id: string): Promise<void> {
    return this.setAll([{ file: policyFile, env, id }]);
  }

  /** Records several ids in one write. */
  async setAll(ids: { file: string; env: string; id: string }[]): Promise<void> {
    for (const { file, env, id } of ids) this.pending.push({ key: this.keyOf(file), env, id: id.toLowerCase() });
    const onDisk = readIds(this.file);
    for (const p of this.pending) (onDisk[p.key] ??= {})[p.env] = p.id;
    await writeFileAtomic(this.file, idsFileText(onDisk));
    this.entries = onDisk;
    this.pending = [];
  }
}

/** The file's text: sorted keys at both levels, two-space indent, a final newline. */
export function idsFileText(entries: IdsByFile): string {
  const policies: IdsByFile = {};
  for (const key of Object.keys(entries).sort()) {
    const perEnv: Record<string, string> = {};
    for (const env of Object.keys(entries[key]).sort()) perEnv[env] = entries[key][env];
    if (Object.keys(perEnv).length) policies[key] = perEnv;
  }
  return `${JSON.stringify({ $comment: COMMENT, policies }, null, 2)}\n`;
}

function readIds(file: string): IdsByFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new EnvironmentError(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new EnvironmentError(
      `${file} is not valid JSON (${e instanceof Error ? e.message : String(e)}); it is written by deploy and apply. Restore it from git, or resolve the merge conflict in it.`,
    );
  }
  const policies = (value as { policies?: unknown })?.policies;
  if (!isRecord(value) || (policies !== undefined && !isRecord(policies)))
    throw new EnvironmentError(`${file} must be { "policies": { "<policy file>": { "<environment>": "<policy id>" } } }.`);
  const out: IdsByFile = {};
  for (const [key, perEnv] of Object.entries(policies ?? {})) {
    if (!isRecord(perEnv)) throw new EnvironmentError(`${file}: "${key}" must map environments to policy ids.`);
    for (const [env, id] of Object.entries(perEnv)) {
      if (typeof id !== 'string' || !GUID.test(id))
        throw new EnvironmentError(`${file}: "${key}" → "${env}" is not a policy id (a GUID): ${JSON.stringify(id)}.`);
      (out[key] ??= {})[env] = id.toLowerCase();
    }
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
