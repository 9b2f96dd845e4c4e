// Beta questions → v1.0 questions. Beta wraps every text in a localized-content object
// ({defaultText, localizedTexts}); v1.0 has a plain `text` beside a `localizations` list.
import { isRecord } from '../schemaNavigator';
import type { Problems } from './problems';

export function convertQuestions(beta: unknown, p: Problems): unknown[] | null | undefined {
  if (beta === null || beta === undefined) return beta;
  if (!Array.isArray(beta)) {
    p.refuse('questions is not a list, so it cannot be converted.');
    return undefined;
  }
  return beta.map((q, i) => convertQuestion(q, `questions[${i}]`, p));
}

function convertQuestion(q: unknown, where: string, p: Problems): Record<string, unknown> {
  if (!isRecord(q)) {
    p.refuse(`${where} is not an object, so it cannot be converted.`);
    return {};
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(q)) {
    switch (key) {
      case '@odata.type':
      case 'id':
      case 'sequence':
      case 'isRequired':
      case 'isAnswerEditable':
      case 'isSingleLineQuestion':
      case 'regexPattern':
        out[key] = value;
        break;
      case 'text': {
        const text = localizedContent(value, `${where}.text`, p);
        if (text.text === undefined) {
          p.refuse(`${where}.text has neither a defaultText nor a localized text; v1.0 requires the question's text.`);
        } else {
          out.text = text.text;
          if (text.localizations !== undefined) out.localizations = text.localizations;
        }
        break;
      }
      case 'allowsMultipleSelection':
        out.isMultipleSelectionAllowed = value;
        break;
      case 'choices':
        out.choices = Array.isArray(value) ? value.map((c, j) => convertChoice(c, `${where}.choices[${j}]`, p)) : value;
        break;
      default:
        p.refuse(`${where}.${key} has no v1.0 counterpart.`);
    }
  }
  return out;
}

function convertChoice(c: unknown, where: string, p: Problems): Record<string, unknown> {
  if (!isRecord(c)) {
    p.refuse(`${where} is not an object, so it cannot be converted.`);
    return {};
  }
  const out: Record<string, unknown> = { actualValue: c.actualValue };
  const shown = localizedContent(c.displayValue, `${where}.displayValue`, p, false);
  if (shown.fromDefault) {
    out.text = shown.text;
  } else if (typeof c.actualValue === 'string') {
    // v1.0 requires a choice's text; beta allowed a display value with translations only. The
    // stored value is what such a choice showed in the default language.
    out.text = c.actualValue;
    p.note(`${where}: the choice had no default display text, so its text is its value ${JSON.stringify(c.actualValue)}.`);
  } else {
    p.refuse(`${where} has neither a default display text nor a value; v1.0 requires the choice's text.`);
  }
  if (shown.localizations !== undefined) out.localizations = shown.localizations;
  for (const key of Object.keys(c)) {
    if (key !== 'actualValue' && key !== 'displayValue') p.refuse(`${where}.${key} has no v1.0 counterpart.`);
  }
  return out;
}

interface Localized {
  text?: string;
  fromDefault: boolean;
  localizations?: unknown[];
}

/**
 * Splits a beta localized-content object. Without a defaultText, a question falls back to its
 * first translation when `fallBackToTranslation` (the text the requester would have seen).
 */
function localizedContent(v: unknown, where: string, p: Problems, fallBackToTranslation = true): Localized {
  if (v === null || v === undefined) return { fromDefault: false };
  if (!isRecord(v)) {
    p.refuse(`${where} is not a localized text object ({defaultText, localizedTexts}), so it cannot be converted.`);
    return { fromDefault: false };
  }
  const localizations = Array.isArray(v.localizedTexts)
    ? v.localizedTexts.map((t) => (isRecord(t) ? { languageCode: t.languageCode, text: t.text } : t))
    : undefined;
  if (typeof v.defaultText === 'string') return { text: v.defaultText, fromDefault: true, localizations };
  const first = localizations?.find((t): t is { languageCode: unknown; text: string } => isRecord(t) && typeof t.text === 'string');
  if (fallBackToTranslation && first) {
    p.note(`${where} had no defaultText: the ${String(first.languageCode)} text became the default text.`);
    return { text: first.text, fromDefault: false, localizations };
  }
  return { fromDefault: false, localizations };
}
