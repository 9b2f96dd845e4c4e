// Questions asked of requestors: their text, translations, choices and order.
// Facts: policy-facts §1d R20 (K-beta/K-v1 docs mark these texts "Required"). Missing keys are
// the schema's AP1004; here: texts that are present but null or blank, and cross-entry checks.
import type { JsonPath } from '../parse';
import type { Rule, RuleContext } from './rule';
import { RULE_CODES as C } from './codes';
import { has, isBlank, isRecord, odataType } from './helpers';

const MULTIPLE_CHOICE = '#microsoft.graph.accessPackageMultipleChoiceQuestion';

const empty = (v: unknown) => v === null || isBlank(v);

export const questionsRule: Rule = {
  id: 'questions',
  versions: ['v1.0', 'beta'],
  check(ctx) {
    const questions = ctx.policy.questions;
    if (!Array.isArray(questions)) return;
    const sequences = new Map<number, number>();
    questions.forEach((q, i) => {
      if (!isRecord(q)) return;
      const qPath: JsonPath = ['questions', i];
      checkQuestionText(ctx, q, qPath, i);
      if (typeof q.sequence === 'number') {
        const first = sequences.get(q.sequence);
        if (first === undefined) sequences.set(q.sequence, i);
        else {
          ctx.report({
            code: C.duplicateSequence, severity: 'warning', path: [...qPath, 'sequence'],
            message: `Question ${i + 1} has the same \`sequence\` (${q.sequence}) as question ${first + 1}, so their order is undefined. Give each question its own number.`,
          });
        }
      }
      if (odataType(q) === MULTIPLE_CHOICE) {
        const choices = q.choices;
        if (!Array.isArray(choices) || choices.length === 0) {
          ctx.report({
            code: C.multipleChoiceWithoutChoices, severity: 'warning',
            path: [...qPath, 'choices'], onKey: has(q, 'choices'), missing: !has(q, 'choices'),
            message: `Question ${i + 1} is multiple-choice but offers no choices, so requestors cannot answer it. Add entries to \`choices\` (each with \`actualValue\` and display text), or make it a text-input question.`,
          });
        } else {
          choices.forEach((c, j) => { if (isRecord(c)) checkChoice(ctx, c, [...qPath, 'choices', j], i, j); });
        }
      }
    });
  },
};

function checkQuestionText(ctx: RuleContext, q: Record<string, unknown>, qPath: JsonPath, i: number): void {
  if (!has(q, 'text')) return; // AP1004
  if (ctx.version === 'v1.0') {
    if (empty(q.text)) {
      ctx.report({
        code: C.questionTextMissing, severity: 'error', path: [...qPath, 'text'],
        message: `Question ${i + 1} needs its text: write the question requestors see in \`text\`.`,
      });
    }
    checkLocalizations(ctx, q.localizations, [...qPath, 'localizations']);
    return;
  }
  const text = q.text;
  if (!isRecord(text) || empty(text.defaultText) || !has(text, 'defaultText')) {
    ctx.report({
      code: C.questionTextMissing, severity: 'error',
      path: isRecord(text) && has(text, 'defaultText') ? [...qPath, 'text', 'defaultText'] : [...qPath, 'text'],
      onKey: isRecord(text) && !has(text, 'defaultText'),
      message: `Question ${i + 1} needs its text: set \`text.defaultText\` to the question requestors see.`,
    });
  }
  if (isRecord(text)) checkLocalizations(ctx, text.localizedTexts, [...qPath, 'text', 'localizedTexts']);
}

function checkChoice(ctx: RuleContext, c: Record<string, unknown>, cPath: JsonPath, i: number, j: number): void {
  const where = `Choice ${j + 1} of question ${i + 1}`;
  if (has(c, 'actualValue') && empty(c.actualValue)) {
    ctx.report({
      code: C.choiceTextMissing, severity: 'error', path: [...cPath, 'actualValue'],
      message: `${where} needs an \`actualValue\`: the value recorded when a requestor picks it.`,
    });
  }
  if (ctx.version === 'v1.0') {
    if (has(c, 'text') && empty(c.text)) {
      ctx.report({
        code: C.choiceTextMissing, severity: 'error', path: [...cPath, 'text'],
        message: `${where} needs display \`text\`: what requestors see.`,
      });
    }
    checkLocalizations(ctx, c.localizations, [...cPath, 'localizations']);
    return;
  }
  if (!has(c, 'displayValue')) return; // AP1004
  const display = c.displayValue;
  // The docs' own example gives choices only localized texts, so either form counts as display text.
  const hasText = isRecord(display) && ((typeof display.defaultText === 'string' && !isBlank(display.defaultText))
    || (Array.isArray(display.localizedTexts) && display.localizedTexts.length > 0));
  if (!hasText) {
    ctx.report({
      code: C.choiceTextMissing, severity: 'error', path: [...cPath, 'displayValue'],
      message: `${where} needs display text: set \`displayValue.defaultText\` (and optionally \`localizedTexts\`).`,
    });
  }
  if (isRecord(display)) checkLocalizations(ctx, display.localizedTexts, [...cPath, 'displayValue', 'localizedTexts']);
}

function checkLocalizations(ctx: RuleContext, list: unknown, path: JsonPath): void {
  if (!Array.isArray(list)) return;
  const seen = new Map<string, number>();
  list.forEach((entry, k) => {
    if (!isRecord(entry)) return;
    for (const key of ['languageCode', 'text']) {
      if (!has(entry, key) || !empty(entry[key])) continue; // missing keys are AP1004
      ctx.report({
        code: C.localizedTextIncomplete, severity: 'error', path: [...path, k, key],
        message: key === 'languageCode'
          ? 'Each translation needs a `languageCode` such as "en-us" or "fr-CA".'
          : 'Each translation needs its `text` in that language.',
      });
    }
    if (typeof entry.languageCode === 'string' && !isBlank(entry.languageCode)) {
      const code = entry.languageCode.toLowerCase();
      const first = seen.get(code);
      if (first === undefined) seen.set(code, k);
      else {
        ctx.report({
          code: C.duplicateLanguage, severity: 'warning', path: [...path, k, 'languageCode'],
          message: `"${entry.languageCode}" is already translated in entry ${first + 1} of this list; keep one translation per language.`,
        });
      }
    }
  });
}

export const QUESTION_RULES: readonly Rule[] = [questionsRule];

