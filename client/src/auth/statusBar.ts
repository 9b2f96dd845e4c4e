// Status bar item: who is signed in, to which tenant; click to sign in or out.
import * as vscode from 'vscode';
import type { AuthService } from './authService';
import { COMMANDS } from '../../../common/src';

export function createAccountStatusBar(service: AuthService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('accessPolicy.account', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Entra Access Policy: account';
  const render = () => {
    const a = service.currentAccount();
    if (a) {
      item.text = `$(account) ${a.username ?? 'app'} · ${a.tenantId.slice(0, 8)}`;
      item.tooltip = `Entra Access Policy: signed in as ${a.username ?? 'an app'} in tenant ${a.tenantId}. Click to sign out.`;
      item.command = COMMANDS.signOut;
    } else {
      item.text = '$(sign-in) Entra: sign in';
      item.tooltip = 'Entra Access Policy: not signed in. Click to sign in.';
      item.command = COMMANDS.signIn;
    }
    item.show();
  };
  render();
  const sub = service.onDidChangeAccount(render);
  return vscode.Disposable.from(item, sub);
}
