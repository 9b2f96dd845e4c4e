// The shape of a policy summary: plain data (JSON-serialisable), so the language server can send
// it to the editor and the CLI can render it, with no knowledge of either.
import type { ApiVersion, Range, Severity } from '../diagnostic';
import type { JsonPath } from '../parse';

export type SectionId =
  'requestors' | 'requests' | 'approval' | 'questions' | 'assignment' | 'reviews' | 'autoAssignment' | 'customExtensions';

/** An error or warning shown beside the part of the summary it concerns. */
export interface SummaryFinding {
  code: string;
  severity: Exclude<Severity, 'information'>;
  message: string;
  path: JsonPath;
  range: Range;
}

/** One statement about the policy, with the part of the file it describes. */
export interface SummaryItem {
  text: string;
  /** The part of the file this statement describes (where "reveal" goes). */
  path: JsonPath;
  /** Its place in the file: the property (key and value), or the nearest part that exists. */
  range?: Range;
  /** Other parts whose findings belong beside this statement. */
  covers?: JsonPath[];
  children?: SummaryItem[];
  findings?: SummaryFinding[];
}

export interface SummarySection {
  id: SectionId;
  title: string;
  path: JsonPath;
  range?: Range;
  items: SummaryItem[];
  findings?: SummaryFinding[];
}

/** A box of the flow picture: requestors → stages → access → review. */
export interface FlowStep {
  label: string;
  details: string[];
  path: JsonPath;
  range?: Range;
}

export interface FlowStage extends FlowStep {
  approvers: string[];
  fallbackApprovers: string[];
  /** "after 7 days to …", or undefined when the stage does not escalate. */
  escalation?: string;
  /** "denied after 14 days". */
  timeout?: string;
}

export interface PolicyFlow {
  requestors: FlowStep;
  stages: FlowStage[];
  access: FlowStep;
  review?: FlowStep;
}

/** The few facts a before/after comparison speaks about, in words. */
export interface SummaryFacts {
  requestedBy: string;
  approvalStages: number;
  approvalRequired: boolean;
  accessDuration: string;
  extension: string;
  review: string;
  questions: number;
  autoAssignment: boolean;
  customExtensions: number;
}

export interface PolicySummary {
  apiVersion: ApiVersion;
  /** displayName, or a stand-in when the file has none. */
  title: string;
  /** One line: "Requested by: … · 2 approval stages · 365 days · quarterly review". */
  headline: string;
  sections: SummarySection[];
  flow: PolicyFlow;
  facts: SummaryFacts;
  /** Findings that concern no part the summary describes (syntax errors, the file as a whole). */
  findings: SummaryFinding[];
  errorCount: number;
  warningCount: number;
}
