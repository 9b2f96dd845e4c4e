// One validation per document version. Every feature (diagnostics, hover, completion, code
// actions) asks here, so a keystroke is parsed and validated once however many requests follow.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type ApiVersion, validatePolicy, type ValidationResult } from '../../core/src';

export class ValidationCache {
  private readonly entries = new Map<string, { version: number; key: string; result: ValidationResult }>();

  /** `defaultApiVersion()`: the version the settings assume, for whoever validates beside the cache. */
  constructor(readonly defaultApiVersion: () => ApiVersion) {}

  get(document: TextDocument): ValidationResult {
    const key = this.defaultApiVersion();
    const hit = this.entries.get(document.uri);
    if (hit && hit.version === document.version && hit.key === key) return hit.result;
    const result = validatePolicy(document.getText(), { defaultApiVersion: key });
    this.entries.set(document.uri, { version: document.version, key, result });
    return result;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
