// Questions asked of requestors: their text, translations, choices and order.
// Facts: docs/policy-facts.md, "Service rules" R20 (the docs mark these texts "Required"). Missing keys are
// the schema's AP1004; here: texts that are present but null or blank, and cross-entry checks.
import type { JsonPath } from '../parse';
import type { Rule, RuleContext } from './rule';
import { RULE_RECORDS as D } from '../diagnostics/catalogue';
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
          ctx.report(D.duplicateSequence.at({ path: [...qPath, 'sequence'] }, { question: i, sequence: q.sequence, first }));
        }
      }
      if (odataType(q) === MULTIPLE_CHOICE) {
        const choices = q.choices;
        if (!Array.isArray(choices) || choices.length === 0) {
          ctx.report(
            D.multipleChoiceWithoutChoices.at(
              { path: [...qPath, 'choices'], onKey: has(q, 'choices'), missing: !has(q, 'choices') },
              { question: i },
            ),
          );
        } else {
          choices.forEach((c, j) => {
            if (isRecord(c)) checkChoice(ctx, c, [...qPath, 'choices', j], i, j);
          });
        }
      }
    });
  },
};

function checkQuestionText(ctx: RuleContext, q: Record<string, unknown>, qPath: JsonPath, i: number): void {
  if (!has(q, 'text')) return; // AP1004
  if (ctx.version === 'v1.0') {
    if (empty(q.text)) {
      ctx.report(D.questionTextMissing.at({ path: [...qPath, 'text'] }, { version: 'v1.0', question: i }));
    }
    checkLocalizations(ctx, q.localizations, [...qPath, 'localizations']);
    return;
  }
  const text = q.text;
  if (!isRecord(text) || empty(text.defaultText) || !has(text, 'defaultText')) {
    ctx.report(
      D.questionTextMissing.at(
        {
          path: isRecord(text) && has(text, 'defaultText') ? [...qPath, 'text', 'defaultText'] : [...qPath, 'text'],
          onKey: isRecord(text) && !has(text, 'defaultText'),
        },
        { version: 'beta', question: i },
      ),
    );
  }
  if (isRecord(text)) checkLocalizations(ctx, text.localizedTexts, [...qPath, 'text', 'localizedTexts']);
}

function checkChoice(ctx: RuleContext, c: Record<string, unknown>, cPath: JsonPath, i: number, j: number): void {
  if (has(c, 'actualValue') && empty(c.actualValue)) {
    ctx.report(D.choiceTextMissing.at({ path: [...cPath, 'actualValue'] }, { kind: 'actualValue', question: i, choice: j }));
  }
  if (ctx.version === 'v1.0') {
    if (has(c, 'text') && empty(c.text)) {
      ctx.report(D.choiceTextMissing.at({ path: [...cPath, 'text'] }, { kind: 'text', question: i, choice: j }));
    }
    checkLocalizations(ctx, c.localizations, [...cPath, 'localizations']);
    return;
  }
  if (!has(c, 'displayValue')) return; // AP1004
  const display = c.displayValue;
  // The docs' own example gives choices only localized texts, so either form counts as display text.
  const hasText =
    isRecord(display) &&
    ((typeof display.defaultText === 'string' && !isBlank(display.defaultText)) ||
      (Array.isArray(display.localizedTexts) && display.localizedTexts.length > 0));
  if (!hasText) {
    ctx.report(D.choiceTextMissing.at({ path: [...cPath, 'displayValue'] }, { kind: 'displayValue', question: i, choice: j }));
  }
  if (isRecord(display)) checkLocalizations(ctx, display.localizedTexts, [...cPath, 'displayValue', 'localizedTexts']);
}

function checkLocalizations(ctx: RuleContext, list: unknown, path: JsonPath): void {
  if (!Array.isArray(list)) return;
  const seen = new Map<string, number>();
  list.forEach((entry, k) => {
    if (!isRecord(entry)) return;
    for (const key of ['languageCode', 'text'] as const) {
      if (!has(entry, key) || !empty(entry[key])) continue; // missing keys are AP1004
      ctx.report(D.localizedTextIncomplete.at({ path: [...path, k, key] }, { key }));
    }
    if (typeof entry.languageCode === 'string' && !isBlank(entry.languageCode)) {
      const code = entry.languageCode.toLowerCase();
      const first = seen.get(code);
      if (first === undefined) seen.set(code, k);
      else {
        ctx.report(D.duplicateLanguage.at({ path: [...path, k, 'languageCode'] }, { languageCode: entry.languageCode, first }));
      }
    }
  });
}

export const QUESTION_RULES: readonly Rule[] = [questionsRule];
