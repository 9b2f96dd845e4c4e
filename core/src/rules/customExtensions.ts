// Custom extensions called at stages of the assignment lifecycle.
// Facts: policy-facts §1d R21 (the stage names themselves are checked by the schema's enum).
import type { JsonPath } from '../parse';
import type { Rule, RuleContext } from './rule';
import { RULE_CODES as C } from './codes';
import { has, isRecord } from './helpers';

function checkSettings(ctx: RuleContext, key: 'customExtensionStageSettings' | 'customExtensionHandlers'): void {
  const list = ctx.policy[key];
  if (!Array.isArray(list)) return;
  const seen = new Map<string, number>();
  list.forEach((s, i) => {
    if (!isRecord(s)) return;
    const path: JsonPath = [key, i];
    const ext = s.customExtension;
    const extId = isRecord(ext) && typeof ext.id === 'string' ? ext.id : undefined;
    if (!extId && !(isRecord(ext) && ext.id !== undefined && ext.id !== null)) {
      ctx.report({
        code: C.customExtensionIncomplete, severity: 'error',
        path: isRecord(ext) ? [...path, 'customExtension', 'id'] : [...path, 'customExtension'],
        missing: isRecord(ext) ? !has(ext, 'id') : !has(s, 'customExtension'),
        message: `Entry ${i + 1} of \`${key}\` must name the custom extension to call: \`"customExtension": { "id": "<custom extension id>" }\` (an extension in the access package's catalog).`,
      });
    }
    if (!has(s, 'stage') || s.stage === null) {
      ctx.report({
        code: C.customExtensionIncomplete, severity: 'error', path: [...path, 'stage'], missing: !has(s, 'stage'),
        message: `Entry ${i + 1} of \`${key}\` must say when the extension runs: set \`stage\`, e.g. "assignmentRequestGranted".`,
      });
    }
    if (extId && typeof s.stage === 'string') {
      const pair = `${s.stage}|${extId.toLowerCase()}`;
      const first = seen.get(pair);
      if (first === undefined) seen.set(pair, i);
      else {
        ctx.report({
          code: C.duplicateCustomExtensionStage, severity: 'warning', path: [...path, 'stage'],
          message: `Entry ${i + 1} repeats entry ${first + 1}: the same custom extension at the same stage would run twice. Remove one.`,
        });
      }
    }
  });
}

export const customExtensionStageRule: Rule = {
  id: 'custom-extension-stages',
  versions: ['v1.0', 'beta'],
  check(ctx) {
    checkSettings(ctx, 'customExtensionStageSettings');
    if (ctx.version === 'beta') checkSettings(ctx, 'customExtensionHandlers');
  },
};

export const customExtensionHandlersRule: Rule = {
  id: 'beta-custom-extension-handlers-deprecated',
  versions: ['beta'],
  check(ctx) {
    const handlers = ctx.policy.customExtensionHandlers;
    // An empty array is how a PUT removes all handlers; only new handlers are worth a warning.
    if (!Array.isArray(handlers) || handlers.length === 0) return;
    ctx.report({
      code: C.customExtensionHandlersDeprecated, severity: 'warning', path: ['customExtensionHandlers'], onKey: true,
      message: '`customExtensionHandlers` is deprecated: use `customExtensionStageSettings` (same `stage` and `customExtension: { id }`) instead.',
    });
  },
};

export const CUSTOM_EXTENSION_RULES: readonly Rule[] = [customExtensionStageRule, customExtensionHandlersRule];
