// The smaller parts: questions, auto-assignment and custom extensions by stage.
import type { ApiVersion } from '../diagnostic';
import { enumValueDoc } from '../knowledge/enumDocs';

import { describeExtension } from './approval';
import { describeDuration } from './durations';
import { list, obj, quote, str, type Obj, meaningOf } from './read';
import type { SummaryItem, SummarySection } from './types';
import { shortTypeName } from '../graphNames';

/** v1.0 question and choice text is a string; beta's is `{ defaultText, localizedTexts }`. */
function textOf(v: unknown): string | undefined {
  return str(v) ?? str(obj(v)?.defaultText);
}

export function explainQuestions(version: ApiVersion, policy: Obj): SummarySection | undefined {
  const questions = list(policy.questions);
  if (questions.length === 0) return undefined;
  const items = questions.map((raw, i): SummaryItem => {
    const q = obj(raw) ?? {};
    const type = shortTypeName(str(q['@odata.type']) ?? '');
    const text = textOf(q.text);
    const traits = [q.isRequired === true ? 'required' : 'optional'];
    const children: SummaryItem[] = [];
    if (type === 'accessPackageMultipleChoiceQuestion') {
      const multiple = (version === 'v1.0' ? q.isMultipleSelectionAllowed : q.allowsMultipleSelection) === true;
      traits.push(multiple ? 'multiple choice, several answers' : 'multiple choice, one answer');
      list(q.choices).forEach((c, j) => {
        const choice = obj(c);
        const label = textOf(version === 'v1.0' ? choice?.text : choice?.displayValue) ?? str(choice?.actualValue);
        children.push({ text: label ? quote(label, 80) : 'a choice without text', path: ['questions', i, 'choices', j] });
      });
    } else if (type === 'accessPackageTextInputQuestion') {
      traits.push(q.isSingleLineQuestion === false ? 'free text, several lines' : 'free text');
      const pattern = str(q.regexPattern);
      if (pattern) traits.push(`must match ${quote(pattern, 60)}`);
    } else {
      traits.push(type ? `unknown question type "${type}"` : 'question type not set');
    }
    if (q.isAnswerEditable === true) traits.push('answer editable');
    return {
      text: `${text ? quote(text) : 'A question without text'} (${traits.join(', ')})`,
      path: ['questions', i],
      children: children.length ? children : undefined,
    };
  });
  return { id: 'questions', title: `Questions (${questions.length})`, path: ['questions'], items };
}

export interface AutoAssignmentPart {
  section?: SummarySection;
  enabled: boolean;
}

export function explainAutoAssignment(version: ApiVersion, policy: Obj): AutoAssignmentPart {
  const s = obj(policy.automaticRequestSettings);
  if (version !== 'v1.0' || !s) return { enabled: false };
  const base = ['automaticRequestSettings'];
  const items: SummaryItem[] = [];
  const enabled = s.requestAccessForAllowedTargets === true;
  items.push({
    text: enabled
      ? 'Access is assigned automatically to everyone the targets describe (no request needed).'
      : 'Automatic assignment is configured but not switched on (requestAccessForAllowedTargets is not true).',
    path: [...base, 'requestAccessForAllowedTargets'],
  });
  const rules = list(policy.specificAllowedTargets)
    .map((t, i) => ({ rule: str(obj(t)?.membershipRule), i }))
    .filter((r) => r.rule !== undefined);
  for (const r of rules) items.push({ text: `Rule: ${quote(r.rule)}`, path: ['specificAllowedTargets', r.i, 'membershipRule'] });
  if (s.removeAccessWhenTargetLeavesAllowedTargets !== undefined) {
    const grace = s.gracePeriodBeforeAccessRemoval;
    items.push({
      text:
        s.removeAccessWhenTargetLeavesAllowedTargets === true
          ? `Access is removed when someone stops matching${grace !== undefined && grace !== null ? `, after a grace period of ${describeDuration(grace)}` : ''}.`
          : 'Access stays when someone stops matching.',
      path: [...base, 'removeAccessWhenTargetLeavesAllowedTargets'],
      covers: [[...base, 'gracePeriodBeforeAccessRemoval']],
    });
  }
  return { section: { id: 'autoAssignment', title: 'Automatic assignment', path: base, items }, enabled };
}

export function explainCustomExtensions(policy: Obj): SummarySection | undefined {
  const items: SummaryItem[] = [];
  for (const key of ['customExtensionStageSettings', 'customExtensionHandlers']) {
    list(policy[key]).forEach((raw, i) => {
      const s = obj(raw) ?? {};
      const stage = str(s.stage);
      const when = stage ? meaningOf(enumValueDoc(['microsoft.graph.accessPackageCustomExtensionStage'], stage)) : undefined;
      const ext = obj(s.customExtension);
      const what = ext ? `custom extension ${describeExtension(ext)}` : 'no custom extension named';
      const whenText = when ? `${when.replace(/\.$/, '')} (${stage})` : stage ? `At stage "${stage}"` : 'At a stage not set';
      items.push({
        text: `${whenText}: ${what}${key === 'customExtensionHandlers' ? ' (deprecated customExtensionHandlers)' : ''}.`,
        path: [key, i],
      });
    });
  }
  if (items.length === 0) return undefined;
  return { id: 'customExtensions', title: `Custom extensions (${items.length})`, path: ['customExtensionStageSettings'], items };
}
