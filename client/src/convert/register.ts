// *Access Policy: Convert to v1.0*: the language server converts the beta policy in the editor
// (the core's converter lives there, not in the extension bundle), the result shows as a diff, and
// the editor text is replaced only after a modal "Apply". Refusals list their reasons.
import * as vscode from 'vscode';
import { CONVERT_TO_V1_REQUEST, LANGUAGE_ID, COMMANDS } from '../../../common/src';
import type { PolicyServer } from '../languageClient';
import { ConvertedDocuments, CONVERTED_SCHEME } from './convertedDocuments';
import { APPLY_BUTTON, applyPromptText, fileLabel, refusalText } from './messages';
import { errorMessage } from '../../../core/src';

export function registerConvert(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, server: PolicyServer): void {
  const converted = new ConvertedDocuments();
  context.subscriptions.push(
    converted,
    vscode.workspace.registerTextDocumentContentProvider(CONVERTED_SCHEME, converted),
    vscode.commands.registerCommand(COMMANDS.convertToV1, async (arg?: unknown) => {
      try {
        await convertCommand(arg, converted, output, server);
      } catch (e) {
        const message = errorMessage(e);
        output.error(`[convert] ${message}`);
        void vscode.window.showErrorMessage(`Convert to v1.0 failed: ${message}`);
      }
    }),
  );
}

async function convertCommand(
  arg: unknown,
  converted: ConvertedDocuments,
  output: vscode.LogOutputChannel,
  server: PolicyServer,
): Promise<void> {
  const log = (line: string): void => output.info(`[convert] ${line}`);
  const document = await targetDocument(arg);
  if (!document) {
    void vscode.window.showErrorMessage('Open an access policy file (*.accesspolicy.json) to convert it to v1.0.');
    return;
  }
  const name = fileLabel(document.uri.path);
  const version = document.version;
  const result = await server.request(CONVERT_TO_V1_REQUEST, { text: document.getText() });
  if (!result.ok) {
    const text = refusalText(name, result);
    output.warn(`[convert] ${name}: not converted.\n  ${result.reasons.join('\n  ')}`);
    await vscode.window.showErrorMessage(text.message, { modal: true, detail: text.detail });
    return;
  }

  const right = converted.put(name.replace(/(\.accesspolicy)?\.json$/i, '') + ' (v1.0).accesspolicy.json', result.text);
  await vscode.commands.executeCommand('vscode.diff', document.uri, right, `${name}: beta ↔ v1.0 (proposed)`, { preview: true });
  if (result.notes.length > 0) log(`${name}: converted to v1.0, with notes:\n  ${result.notes.join('\n  ')}`);

  const prompt = applyPromptText(name, result);
  const choice = await vscode.window.showInformationMessage(prompt.message, { modal: true, detail: prompt.detail }, APPLY_BUTTON);
  if (choice !== APPLY_BUTTON) return;
  // The diff showed the conversion of one version of the file; never apply it over later edits.
  if (document.isClosed || document.version !== version) {
    void vscode.window.showWarningMessage(
      `${name} changed while the conversion was shown; nothing was applied. Run Convert to v1.0 again.`,
    );
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  const all = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  edit.replace(document.uri, all, result.text);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`The editor refused the change; ${name} is unchanged.`);
    return;
  }
  log(`${name}: converted to v1.0 (not saved yet).`);
  await vscode.window.showTextDocument(document, { preview: false });
  void vscode.window.showInformationMessage(`${name} is now a v1.0 policy. Review and save it; Undo brings the beta version back.`);
}

/** The document the command was invoked on: the menu's URI argument, else the active editor. */
async function targetDocument(arg: unknown): Promise<vscode.TextDocument | undefined> {
  let document: vscode.TextDocument | undefined;
  if (arg instanceof vscode.Uri) document = await vscode.workspace.openTextDocument(arg);
  else document = vscode.window.activeTextEditor?.document;
  if (!document || document.uri.scheme === CONVERTED_SCHEME) return undefined;
  if (document.languageId !== LANGUAGE_ID && !/\.accesspolicy\.json$/i.test(document.uri.path)) return undefined;
  return document;
}
