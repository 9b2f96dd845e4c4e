// Beta `requestApprovalSettings` (approvalSettings) → v1.0 accessPackageAssignmentApprovalSettings.
import { isRecord } from '../schemaNavigator';
import { daysToDuration, isCount, minutesToDuration } from './durations';
import type { Problems } from './problems';
import { convertUserSets } from './subjects';

const STAGE_TYPES: Record<string, string> = {
  '#microsoft.graph.approvalStage': '#microsoft.graph.accessPackageApprovalStage',
  '#microsoft.graph.accessPackageDynamicApprovalStage': '#microsoft.graph.accessPackageDynamicApprovalStage',
};

export function convertApprovalSettings(beta: unknown, p: Problems): Record<string, unknown> {
  if (beta === null || beta === undefined) {
    // Graph answers a beta policy created without approval settings with "no approval".
    p.note(
      'requestApprovalSettings was empty: written as explicit "no approval" (isApprovalRequiredForAdd: false, no stages), which is what Graph assumed for the beta policy.',
    );
    return { isApprovalRequiredForAdd: false, isApprovalRequiredForUpdate: false, stages: [] };
  }
  if (!isRecord(beta)) {
    p.refuse('requestApprovalSettings is not an object, so it cannot be converted.');
    return {};
  }
  const out: Record<string, unknown> = {};
  const stages = Array.isArray(beta.approvalStages) ? beta.approvalStages : [];
  for (const [key, value] of Object.entries(beta)) {
    switch (key) {
      case 'isApprovalRequired':
        out.isApprovalRequiredForAdd = value;
        break;
      case 'isApprovalRequiredForExtension':
        out.isApprovalRequiredForUpdate = value;
        break;
      case 'isRequestorJustificationRequired':
        out.isRequestorJustificationRequired = value;
        break;
      case 'approvalMode':
        if (value === 'Parallel' && stages.length > 1) {
          p.refuse('approvalMode "Parallel" with several stages has no v1.0 counterpart: v1.0 runs approval stages one after another.');
        } else if (value !== null && value !== undefined) {
          p.note(`approvalMode "${String(value)}" was dropped: v1.0 has no such property; the number of stages says it.`);
        }
        break;
      case 'approvalStages':
        break; // below, so `stages` follows the flags as in Microsoft's examples
      default:
        p.refuse(`requestApprovalSettings.${key} has no v1.0 counterpart.`);
    }
  }
  if (beta.approvalStages !== undefined) {
    if (beta.approvalStages === null) out.stages = [];
    else if (!Array.isArray(beta.approvalStages))
      p.refuse('requestApprovalSettings.approvalStages is not a list, so it cannot be converted.');
    else out.stages = beta.approvalStages.map((s, i) => convertStage(s, `requestApprovalSettings.approvalStages[${i}]`, p));
  }
  return out;
}

function convertStage(stage: unknown, where: string, p: Problems): Record<string, unknown> {
  if (!isRecord(stage)) {
    p.refuse(`${where} is not an object, so it cannot be converted.`);
    return {};
  }
  const out: Record<string, unknown> = {};
  const primary = convertUserSets(stage.primaryApprovers, `${where}.primaryApprovers`, p);
  const escalation = convertUserSets(stage.escalationApprovers, `${where}.escalationApprovers`, p);
  for (const [key, value] of Object.entries(stage)) {
    switch (key) {
      case '@odata.type': {
        const v1 = typeof value === 'string' ? STAGE_TYPES[value] : undefined;
        if (v1) out['@odata.type'] = v1;
        else p.refuse(`${where} has @odata.type ${JSON.stringify(value)}, which has no v1.0 counterpart.`);
        break;
      }
      case 'approvalStageTimeOutInDays':
        if (value === null) break;
        if (isCount(value)) out.durationBeforeAutomaticDenial = daysToDuration(value);
        else p.refuse(`${where}.approvalStageTimeOutInDays is not a whole number of days.`);
        break;
      case 'escalationTimeInMinutes':
        if (value === null) break;
        if (isCount(value)) out.durationBeforeEscalation = minutesToDuration(value);
        else p.refuse(`${where}.escalationTimeInMinutes is not a whole number of minutes.`);
        break;
      case 'isApproverJustificationRequired':
      case 'isEscalationEnabled':
      case 'approverInformationVisibility':
        out[key] = value;
        break;
      case 'customExtension':
        if (value !== null) {
          p.refuse(
            `${where}.customExtension: a custom extension on an approval stage has no v1.0 counterpart (v1.0's dynamic approval stage carries no properties of its own).`,
          );
        }
        break;
      case 'primaryApprovers':
      case 'escalationApprovers':
        break; // converted above, written below
      default:
        p.refuse(`${where}.${key} has no v1.0 counterpart.`);
    }
  }
  out.primaryApprovers = primary.primary;
  out.fallbackPrimaryApprovers = primary.fallback;
  out.escalationApprovers = escalation.primary;
  out.fallbackEscalationApprovers = escalation.fallback;
  return out;
}
