// Entry point of the extension-host suite, to the @vscode/test-electron contract: VS Code loads
// this module (compiled to out/integration/index.js) and awaits run(); a rejection means failure.
// The same file runs under code-server (scripts/vscode/run-integration.mjs) and desktop VS Code.
import * as vscode from 'vscode';
import path from 'node:path';
import { runRegistered } from './runner';
import { workspaceRoot } from './helpers';
// Each module registers its tests when loaded; the order here is the run order.
import './activation.suite';
import './diagnostics.suite';
import './features.suite';
import './snippets.suite';
import './summary.suite';

export async function run(): Promise<void> {
  // The harness names the report file; without it, the report goes next to the workspace copy.
  const reportBase = process.env.ACCESSPOLICY_TEST_REPORT || path.join(workspaceRoot(), '.cache', 'integration-report');
  const report = await runRegistered(reportBase, vscode.version);
  if (report.failed > 0) throw new Error(`${report.failed} of ${report.results.length} extension-host tests failed`);
}
