// `plan` with the validation core in the same process: what the CLI (and every caller outside the
// editor) uses. Kept apart from folderPlan.ts so the extension, which takes each file's verdict
// from the language server, bundles no validator (as planDeploy.ts is kept apart from planner.ts).
import { validatePolicy } from '../../../core/src';
import { planFolderVerified, type FolderPlan, type PlanFolderOptions } from './folderPlan';

export async function planFolder(options: PlanFolderOptions): Promise<FolderPlan> {
  return planFolderVerified({ ...options, verdict: (text, defaultApiVersion) => validatePolicy(text, { defaultApiVersion }) });
}
