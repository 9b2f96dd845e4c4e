// Records the id of a policy a deploy created or adopted: in a folder with environments, in the
// environment's entry of the ids file; otherwise in the policy file itself (writeBack.ts). The one
// place both deploy and apply record an id, so they always agree on where it goes.
import { IDS_FILE_NAME } from '../../../core/src';
import { writePolicyIdToFile } from '../deploy/writeBack';
import type { ActiveEnvironment } from './selectEnvironment';

export interface RecordedId {
  /** Where the id went: the ids file, the policy file, or nowhere (already there, or it failed). */
  written: 'ids file' | 'policy file' | false;
  /** What to report; a failure says what to add by hand. */
  notes: string[];
}

/** Records a new or adopted policy's id: in the environment's ids file, or (no environments) in the policy file. */
export async function recordId(
  file: string,
  id: string,
  sourceText: string,
  environment: ActiveEnvironment | undefined,
): Promise<RecordedId> {
  if (environment) {
    try {
      await environment.ids.set(file, environment.name, id);
      return { written: 'ids file', notes: [`recorded id ${id} for environment "${environment.name}" in ${IDS_FILE_NAME}`] };
    } catch (e) {
      return {
        written: false,
        notes: [
          `the policy is in the tenant (${id}) but its id could not be recorded in ${environment.ids.file}: ${e instanceof Error ? e.message : String(e)}. Add "${environment.ids.keyOf(file)}": { "${environment.name}": "${id}" } there by hand.`,
        ],
      };
    }
  }
  try {
    const w = await writePolicyIdToFile(file, id, sourceText);
    return { written: w.written ? 'policy file' : false, notes: w.note ? [w.note] : [] };
  } catch (e) {
    return {
      written: false,
      notes: [
        `the policy is in the tenant (${id}) but its id could not be written into the file: ${e instanceof Error ? e.message : String(e)}. Add "id": "${id}" by hand.`,
      ],
    };
  }
}
