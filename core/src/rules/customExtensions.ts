// Custom extensions called at stages of the assignment lifecycle.
// Facts: docs/policy-facts.md, "Service rules" R21 (the stage names themselves are checked by the schema's enum).
import type { JsonPath } from '../parse';
import type { Rule, RuleContext } from './rule';
import { RULE_RECORDS as D } from '../diagnostics/catalogue';
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
      ctx.report(
        D.customExtensionIncomplete.at(
          {
            path: isRecord(ext) ? [...path, 'customExtension', 'id'] : [...path, 'customExtension'],
            missing: isRecord(ext) ? !has(ext, 'id') : !has(s, 'customExtension'),
          },
          { kind: 'extension', entry: i, list: key },
        ),
      );
    }
    if (!has(s, 'stage') || s.stage === null) {
      ctx.report(
        D.customExtensionIncomplete.at({ path: [...path, 'stage'], missing: !has(s, 'stage') }, { kind: 'stage', entry: i, list: key }),
      );
    }
    if (extId && typeof s.stage === 'string') {
      const pair = `${s.stage}|${extId.toLowerCase()}`;
      const first = seen.get(pair);
      if (first === undefined) seen.set(pair, i);
      else {
        ctx.report(D.duplicateCustomExtensionStage.at({ path: [...path, 'stage'] }, { entry: i, first }));
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
    ctx.report(D.customExtensionHandlersDeprecated.at({ path: ['customExtensionHandlers'], onKey: true }));
  },
};

export const CUSTOM_EXTENSION_RULES: readonly Rule[] = [customExtensionStageRule, customExtensionHandlersRule];
