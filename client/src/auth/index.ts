// Registers sign-in in the extension: commands, status bar item, settings reaction.
import * as vscode from 'vscode';
import { SignInError, type PublicSignInMethod } from '../../../deploy/src/auth';
import { ExtensionAuthService, type AuthService } from './authService';
import { AUTH_SETTING_KEYS, readAuthSettings } from './settings';
import { createAccountStatusBar } from './statusBar';

export type { AuthService } from './authService';

export const SIGN_IN_COMMAND = 'accessPolicy.signIn';
export const SIGN_OUT_COMMAND = 'accessPolicy.signOut';

function reportError(output: vscode.OutputChannel, e: unknown): void {
  // SignInError messages are written to be shown and carry no token or secret.
  const message = e instanceof SignInError || e instanceof Error ? e.message : 'Sign-in failed.';
  output.appendLine(`[auth] error ${message}`);
  if (e instanceof SignInError && e.kind === 'cancelled') return;
  void vscode.window.showErrorMessage(message);
}

async function pickMethod(service: ExtensionAuthService): Promise<PublicSignInMethod | undefined> {
  const s = readAuthSettings();
  if (s.method !== 'auto') return s.method;
  const preferred = service.defaultMethod(s);
  const items: (vscode.QuickPickItem & { method: PublicSignInMethod })[] = [
    { label: '$(globe) Sign in with the browser', description: 'Opens the Microsoft sign-in page', method: 'browser' },
    { label: '$(key) Sign in with a device code', description: 'Enter a code on another device or browser', method: 'deviceCode' },
  ];
  items.sort((a, b) => (a.method === preferred ? -1 : b.method === preferred ? 1 : 0));
  const choice = await vscode.window.showQuickPick(items, { placeHolder: `Sign in to tenant ${s.tenant || '(not set)'}` });
  return choice?.method;
}

export function registerAuth(context: vscode.ExtensionContext, output: vscode.OutputChannel): AuthService {
  const service = new ExtensionAuthService(context, output);
  context.subscriptions.push(service);
  context.subscriptions.push(
    vscode.commands.registerCommand(SIGN_IN_COMMAND, async (method?: PublicSignInMethod) => {
      try {
        const m = method === 'browser' || method === 'deviceCode' ? method : await pickMethod(service);
        if (!m) return undefined;
        const account = await service.signIn(m);
        if (account) void vscode.window.showInformationMessage(`Signed in as ${account.username ?? 'app'} (tenant ${account.tenantId}).`);
        return account;
      } catch (e) {
        reportError(output, e);
        return undefined;
      }
    }),
    vscode.commands.registerCommand(SIGN_OUT_COMMAND, async () => {
      try {
        await service.signOut();
        void vscode.window.showInformationMessage('Signed out of Microsoft Entra.');
      } catch (e) {
        reportError(output, e);
      }
    }),
    vscode.workspace.onDidChangeConfiguration((ev) => {
      if (AUTH_SETTING_KEYS.some((k) => ev.affectsConfiguration(k))) void service.restore();
    }),
  );
  context.subscriptions.push(createAccountStatusBar(service));
  void service.restore();
  return service;
}
