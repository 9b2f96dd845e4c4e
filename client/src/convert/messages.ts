// The words of the Convert to v1.0 command, kept free of VS Code so they can be tested: a refusal
// says why, item by item; the apply prompt says what the reviewer should check.
import type { ConversionResult } from '../../../core/src';

export interface PromptText {
  message: string;
  detail: string;
}

/** The file name a user knows the policy by, from a URI path. */
export function fileLabel(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

export function refusalText(name: string, result: Extract<ConversionResult, { ok: false }>): PromptText {
  return {
    message: `${name} cannot be converted to v1.0.`,
    detail: result.reasons.map((r) => (r.endsWith(':') || r.startsWith('Line ') || r.startsWith('…') ? r : `• ${r}`)).join('\n'),
  };
}

export const APPLY_BUTTON = 'Apply';

export function applyPromptText(name: string, result: Extract<ConversionResult, { ok: true }>): PromptText {
  const lines = [
    'The diff editor shows the file (left) and its v1.0 version (right).',
    "The beta → v1.0 field correspondence is inferred from Microsoft's examples [INF]: review the result before deploying it.",
  ];
  if (result.notes.length > 0) {
    lines.push('', 'Check these choices the conversion made:', ...result.notes.slice(0, 10).map((n) => `• ${n}`));
    if (result.notes.length > 10) lines.push(`• … and ${result.notes.length - 10} more (see the output panel).`);
  }
  lines.push('', 'Applying replaces the text in the editor; Undo brings the beta version back.');
  return { message: `Apply the conversion to v1.0 to ${name}?`, detail: lines.join('\n') };
}
