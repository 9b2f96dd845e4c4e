// The approval: whether requests need it, and each stage's approvers, fallbacks, escalation,
// time-out and justification. v1.0 keeps fallbacks in their own lists; beta marks them isBackup.
import type { ApiVersion } from '../diagnostic';
import type { JsonPath } from '../parse';
import { enumValueDoc } from '../knowledge/enumDocs';
import { describeDuration } from './durations';
import { bool, list, obj, str, type Obj, meaningOf } from './read';
import { isBackup, subjectItems } from './subjects';
import type { FlowStage, SummaryItem, SummarySection } from './types';

export interface ApprovalPart {
  section: SummarySection;
  stages: FlowStage[];
  required: boolean;
}

const SETTINGS = 'requestApprovalSettings';

export function explainApproval(version: ApiVersion, policy: Obj): ApprovalPart {
  const settings = obj(policy[SETTINGS]);
  const base = [SETTINGS];
  const items: SummaryItem[] = [];
  const v1 = version === 'v1.0';
  const requiredKey = v1 ? 'isApprovalRequiredForAdd' : 'isApprovalRequired';
  const required = settings?.[requiredKey] === true;
  if (!settings) {
    items.push({ text: 'No approval settings: requests are granted without approval.', path: base });
  } else {
    items.push({
      text: required
        ? 'New requests need approval.'
        : settings[requiredKey] === false
          ? 'New requests are granted without approval.'
          : `Whether requests need approval is not set (${requiredKey}).`,
      path: [...base, requiredKey],
    });
    const extKey = v1 ? 'isApprovalRequiredForUpdate' : 'isApprovalRequiredForExtension';
    if (bool(settings[extKey]) !== undefined) {
      items.push({
        text: settings[extKey] ? 'Extension requests need approval.' : 'Extension requests are granted without approval.',
        path: [...base, extKey],
      });
    }
    if (bool(settings.isRequestorJustificationRequired) !== undefined) {
      items.push({
        text: settings.isRequestorJustificationRequired
          ? 'Requestors must give a justification.'
          : 'Requestors need not give a justification.',
        path: [...base, 'isRequestorJustificationRequired'],
      });
    }
    const mode = str(settings.approvalMode);
    if (!v1 && mode) {
      const meaning = meaningOf(enumValueDoc(['approvalSettings.approvalMode'], mode));
      items.push({ text: `Mode ${mode}: ${meaning ?? 'not a known approval mode.'}`, path: [...base, 'approvalMode'] });
    }
  }
  const stagesKey = v1 ? 'stages' : 'approvalStages';
  const rawStages = list(settings?.[stagesKey]);
  const stages: FlowStage[] = [];
  rawStages.forEach((raw, i) => {
    const path = [...base, stagesKey, i];
    const { item, flow } = (v1 ? v1Stage : betaStage)(raw, path, i);
    items.push(item);
    stages.push(flow);
  });
  const count = rawStages.length;
  return {
    section: {
      id: 'approval',
      title: count ? `Approval (${count} stage${count === 1 ? '' : 's'})` : 'Approval',
      path: base,
      items,
    },
    stages,
    required,
  };
}

interface StageParts {
  item: SummaryItem;
  flow: FlowStage;
}

function stageItem(
  index: number,
  path: JsonPath,
  approvers: SummaryItem[],
  fallbacks: SummaryItem[],
  approversPath: JsonPath,
  fallbackPath: JsonPath,
  timeout: { text: string; path: JsonPath },
  escalation: { text: string; path: JsonPath; covers: JsonPath[]; children?: SummaryItem[]; short?: string },
  justification: unknown,
  extra: SummaryItem[],
): StageParts {
  const children: SummaryItem[] = [
    approvers.length
      ? { text: 'Approvers:', path: approversPath, children: approvers }
      : { text: 'No primary approvers.', path: approversPath },
  ];
  if (fallbacks.length)
    children.push({ text: 'Fallback approvers (when no primary approver can be found):', path: fallbackPath, children: fallbacks });
  children.push({ text: timeout.text, path: timeout.path });
  children.push({ text: escalation.text, path: escalation.path, covers: escalation.covers, children: escalation.children });
  if (bool(justification) !== undefined) {
    children.push({
      text: justification ? 'Approvers must give a justification.' : 'Approvers need not give a justification.',
      path: [...path, 'isApproverJustificationRequired'],
    });
  }
  children.push(...extra);
  const item: SummaryItem = { text: `Stage ${index + 1}`, path, children };
  const flow: FlowStage = {
    label: `Stage ${index + 1}`,
    details: [],
    path,
    approvers: approvers.map((a) => a.text),
    fallbackApprovers: fallbacks.map((f) => f.text),
    escalation: escalation.short,
    timeout: timeout.text,
  };
  return { item, flow };
}

function escalationText(enabled: unknown, after: string, escalators: SummaryItem[], fallbackEscalators: SummaryItem[]) {
  if (enabled !== true) return { text: 'No escalation.', children: undefined, short: undefined };
  const children = [...escalators];
  if (fallbackEscalators.length)
    children.push({ text: 'Fallback escalation approvers:', path: fallbackEscalators[0].path.slice(0, -1), children: fallbackEscalators });
  const to =
    escalators.map((e) => e.text).join(', ') ||
    fallbackEscalators.map((e) => `${e.text} (fallback)`).join(', ') ||
    'nobody (no escalation approvers)';
  return { text: `Escalates after ${after} to:`, children, short: `after ${after} to ${to}` };
}

function v1Stage(raw: unknown, path: JsonPath, index: number): StageParts {
  const s = obj(raw) ?? {};
  const at = (k: string) => [...path, k];
  const denial = s.durationBeforeAutomaticDenial;
  const timeout = {
    text: denial === undefined ? 'Time-out not set.' : `Denied if nobody decides within ${describeDuration(denial)}.`,
    path: at('durationBeforeAutomaticDenial'),
  };
  const esc = escalationText(
    s.isEscalationEnabled,
    describeDuration(s.durationBeforeEscalation),
    subjectItems('v1.0', list(s.escalationApprovers), at('escalationApprovers')),
    subjectItems('v1.0', list(s.fallbackEscalationApprovers), at('fallbackEscalationApprovers')),
  );
  return stageItem(
    index,
    path,
    subjectItems('v1.0', list(s.primaryApprovers), at('primaryApprovers')),
    subjectItems('v1.0', list(s.fallbackPrimaryApprovers), at('fallbackPrimaryApprovers')),
    at('primaryApprovers'),
    at('fallbackPrimaryApprovers'),
    timeout,
    {
      ...esc,
      path: at('isEscalationEnabled'),
      covers: [at('durationBeforeEscalation'), at('escalationApprovers'), at('fallbackEscalationApprovers')],
    },
    s.isApproverJustificationRequired,
    visibility(s, path),
  );
}

function betaStage(raw: unknown, path: JsonPath, index: number): StageParts {
  const s = obj(raw) ?? {};
  const at = (k: string) => [...path, k];
  const days = s.approvalStageTimeOutInDays;
  const timeout = {
    text: days === undefined ? 'Time-out not set.' : `Denied if nobody decides within ${describeDuration(days, 'days')}.`,
    path: at('approvalStageTimeOutInDays'),
  };
  const escalators = list(s.escalationApprovers);
  const esc = escalationText(
    s.isEscalationEnabled,
    describeDuration(s.escalationTimeInMinutes, 'minutes'),
    subjectItems('beta', escalators, at('escalationApprovers'), (e) => !isBackup(e)),
    subjectItems('beta', escalators, at('escalationApprovers'), isBackup),
  );
  const approvers = list(s.primaryApprovers);
  const extra = visibility(s, path);
  const extension = obj(s.customExtension);
  if (extension)
    extra.push({ text: `Approvers are chosen by custom extension ${describeExtension(extension)}.`, path: at('customExtension') });
  return stageItem(
    index,
    path,
    subjectItems('beta', approvers, at('primaryApprovers'), (e) => !isBackup(e)),
    subjectItems('beta', approvers, at('primaryApprovers'), isBackup),
    at('primaryApprovers'),
    at('primaryApprovers'),
    timeout,
    { ...esc, path: at('isEscalationEnabled'), covers: [at('escalationTimeInMinutes'), at('escalationApprovers')] },
    s.isApproverJustificationRequired,
    extra,
  );
}

function visibility(stage: Obj, path: JsonPath): SummaryItem[] {
  const v = str(stage.approverInformationVisibility);
  if (!v) return [];
  const meaning = meaningOf(enumValueDoc(['microsoft.graph.approverInformationVisibility'], v));
  return [{ text: `Approver visibility ${v}: ${meaning ?? 'not a known value.'}`, path: [...path, 'approverInformationVisibility'] }];
}

export function describeExtension(extension: Obj): string {
  const name = str(extension.displayName);
  const id = str(extension.id);
  if (name && id) return `"${name}" (${id})`;
  return name ? `"${name}"` : (id ?? '(no id given)');
}
