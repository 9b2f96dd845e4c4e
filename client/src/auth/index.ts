// Registers sign-in in the extension: commands, status bar item, settings reaction.
import * as vscode from 'vscode';
import { SignInError, type PublicSignInMethod } from '../../../deploy/src';
import { ExtensionAuthService, type AuthService } from './authService';
import { readAuthSettings } from './settings';
import { createAccountStatusBar } from './statusBar';
import { COMMANDS, SIGN_IN_SETTINGS } from '../../../common/src';
import { affectsAny } from '../config';

export type { AuthService } from './authService';

function reportError(output: vscode.LogOutputChannel, e: unknown): void {
  // SignInError messages are written to be shown and carry no token or secret.
  const message = e instanceof SignInError || e instanceof Error ? e.message : 'Sign-in failed.';
  output.error(`[auth] ${message}`);
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

export function registerAuth(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): AuthService {
  const service = new ExtensionAuthService(context, output);
  context.subscriptions.push(service);
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.signIn, async (method?: PublicSignInMethod) => {
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
    vscode.commands.registerCommand(COMMANDS.signOut, async () => {
      try {
        await service.signOut();
        void vscode.window.showInformationMessage('Signed out of Microsoft Entra.');
      } catch (e) {
        reportError(output, e);
      }
    }),
    vscode.workspace.onDidChangeConfiguration((ev) => {
      if (affectsAny(ev, SIGN_IN_SETTINGS)) void service.restore();
    }),
  );
  context.subscriptions.push(createAccountStatusBar(service));
  void service.restore();
  return service;
}
