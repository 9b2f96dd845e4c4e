// A policy in plain language: the entry point. Builds the sections from the body, then places
// each error and warning beside the statement about the part it concerns and gives every
// statement its place in the file. Pure and deterministic: same text, same summary.
import type { ApiVersion, PolicyDiagnostic } from '../diagnostic';
import type { JsonPath, ParsedPolicy } from '../parse';
import { validatePolicy, type ValidationResult } from '../validate';
import { obj, str } from './read';
import { explainRequestors } from './requestors';
import { explainApproval } from './approval';
import { explainAssignment } from './assignment';
import { explainReviews } from './reviews';
import { explainAutoAssignment, explainCustomExtensions, explainQuestions } from './extras';
import type { FlowStep, PolicySummary, SummaryFinding, SummaryItem, SummarySection } from './types';

export function explainPolicy(text: string, options: { defaultApiVersion?: ApiVersion } = {}): PolicySummary {
  return summarizeValidation(validatePolicy(text, options));
}

/** The summary of an already validated document (the language server's cached result). */
export function summarizeValidation(result: ValidationResult): PolicySummary {
  const version = result.apiVersion;
  // The body as the service reads it ("true" where a boolean goes is true), as the rules see it.
  const policy = obj(result.asRead);
  const findings = result.diagnostics.filter(isShown).map(toFinding);
  const counts = {
    errorCount: findings.filter((f) => f.severity === 'error').length,
    warningCount: findings.filter((f) => f.severity === 'warning').length,
  };
  if (!policy) {
    const nothing: FlowStep = { label: 'Not a policy', details: [], path: [] };
    return {
      apiVersion: version,
      title: 'Not a policy',
      headline: 'Not a policy: the file does not hold one JSON object',
      sections: [],
      flow: { requestors: nothing, stages: [], access: nothing },
      facts: {
        requestedBy: 'nobody',
        approvalStages: 0,
        approvalRequired: false,
        accessDuration: 'not set',
        extension: 'not extendable',
        review: 'no review',
        questions: 0,
        autoAssignment: false,
        customExtensions: 0,
      },
      findings,
      ...counts,
    };
  }
  const requestors = explainRequestors(version, policy);
  const approval = explainApproval(version, policy);
  const questions = explainQuestions(version, policy);
  const assignment = explainAssignment(version, policy);
  const reviews = explainReviews(version, policy);
  const auto = explainAutoAssignment(version, policy);
  const extensions = explainCustomExtensions(policy);
  const sections = [
    ...requestors.sections,
    ...(auto.section ? [auto.section] : []),
    approval.section,
    ...(questions ? [questions] : []),
    assignment.section,
    reviews.section,
    ...(extensions ? [extensions] : []),
  ];
  const stageCount = approval.stages.length;
  const approvalShort = !approval.required ? 'no approval' : `${stageCount} approval stage${stageCount === 1 ? '' : 's'}`;
  const headline = [
    auto.enabled ? `Assigned automatically to: ${requestors.requestedBy}` : `Requested by: ${requestors.requestedBy}`,
    approvalShort,
    assignment.duration,
    reviews.short,
  ].join(' · ');
  const summary: PolicySummary = {
    apiVersion: version,
    title: str(policy.displayName) ?? 'Untitled policy (no displayName)',
    headline,
    sections,
    flow: { requestors: requestors.flow, stages: approval.stages, access: assignment.flow, review: reviews.flow },
    facts: {
      requestedBy: requestors.requestedBy,
      approvalStages: approval.required ? stageCount : 0,
      approvalRequired: approval.required,
      accessDuration: assignment.duration,
      extension: assignment.extension,
      review: reviews.short,
      questions: questions?.items.length ?? 0,
      autoAssignment: auto.enabled,
      customExtensions: extensions?.items.length ?? 0,
    },
    findings: [],
    ...counts,
  };
  placeFindings(summary, findings);
  addRanges(summary, result.parsed);
  return summary;
}

function isShown(d: PolicyDiagnostic): boolean {
  return d.severity === 'error' || d.severity === 'warning';
}

function toFinding(d: PolicyDiagnostic): SummaryFinding {
  return { code: d.code, severity: d.severity as SummaryFinding['severity'], message: d.message, path: d.path, range: d.range };
}

/** How many leading segments of `path` `prefix` covers, or -1 when it is not a prefix. */
function prefixLength(prefix: JsonPath, path: JsonPath): number {
  if (prefix.length > path.length) return -1;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== path[i]) return -1;
  return prefix.length;
}

type Holder = { node: SummaryItem | SummarySection; paths: JsonPath[] };

function holders(summary: PolicySummary): Holder[] {
  const out: Holder[] = [];
  const visit = (item: SummaryItem) => {
    out.push({ node: item, paths: [item.path, ...(item.covers ?? [])] });
    item.children?.forEach(visit);
  };
  for (const section of summary.sections) {
    out.push({ node: section, paths: [section.path] });
    section.items.forEach(visit);
  }
  return out;
}

/** Each finding goes beside the statement whose part is its closest enclosing part. */
function placeFindings(summary: PolicySummary, findings: SummaryFinding[]): void {
  const all = holders(summary);
  for (const f of findings) {
    let best: Holder | undefined;
    let bestLength = 0; // a match on the whole document (length 0) is no match
    for (const h of all) {
      for (const p of h.paths) {
        const n = prefixLength(p, f.path);
        if (n > bestLength) {
          best = h;
          bestLength = n;
        }
      }
    }
    if (best) (best.node.findings ??= []).push(f);
    else summary.findings.push(f);
  }
}

function addRanges(summary: PolicySummary, parsed: ParsedPolicy): void {
  const rangeOf = (path: JsonPath) => {
    const node = parsed.rangeNodeAt(path);
    if (!node) return undefined;
    // The whole property ("key": value) when the node is a property's value: that is what a
    // reader looks for.
    const start = node.key?.offset ?? node.offset;
    return parsed.lines.rangeOf(start, node.offset + node.length - start);
  };
  const visit = (item: SummaryItem) => {
    item.range = rangeOf(item.path);
    item.children?.forEach(visit);
  };
  for (const s of summary.sections) {
    s.range = rangeOf(s.path);
    s.items.forEach(visit);
  }
  const flow = summary.flow;
  for (const step of [flow.requestors, ...flow.stages, flow.access, ...(flow.review ? [flow.review] : [])]) step.range = rangeOf(step.path);
}
