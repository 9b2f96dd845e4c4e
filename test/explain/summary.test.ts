// `explain` over every policy the repository holds (snippets and fixtures): golden text, written
// and checked by hand, for four of them; structural checks for all; and the behaviours a reviewer
// relies on (durations in words, findings beside their part, both API versions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { explainPolicy, renderMarkdown, renderText, type PolicySummary, type SummaryItem } from '../../core/src/explain';
import { validatePolicy } from '../../core/src/validate';
import { corpus, ROOT } from './corpus';

const GOLDEN_DIR = path.join(ROOT, 'test', 'fixtures', 'explain');
const GOLDEN: Record<string, string> = {
  'snippet ap-multistage-escalation': 'v1-multistage-escalation.txt',
  'snippet ap-auto-assignment': 'v1-auto-assignment.txt',
  'snippet ap-quarterly-review': 'v1-quarterly-review.txt',
  'snippet ap-beta-multistage-escalation': 'beta-multistage-escalation.txt',
};

const all = corpus();

test('the corpus holds every snippet and the repository fixtures', () => {
  assert.ok(all.filter((e) => e.name.startsWith('snippet ')).length >= 13, 'all 13 snippets');
  assert.ok(all.filter((e) => !e.name.startsWith('snippet ')).length >= 5, 'fixtures found');
  for (const name of Object.keys(GOLDEN))
    assert.ok(
      all.some((e) => e.name === name),
      `${name} is in the corpus`,
    );
});

for (const [name, file] of Object.entries(GOLDEN)) {
  test(`golden summary: ${name}`, () => {
    const entry = all.find((e) => e.name === name)!;
    const text = renderText(explainPolicy(entry.text));
    const goldenPath = path.join(GOLDEN_DIR, file);
    assert.equal(text, readFileSync(goldenPath, 'utf8'));
  });
}

function items(summary: PolicySummary): SummaryItem[] {
  const out: SummaryItem[] = [];
  const visit = (i: SummaryItem) => {
    out.push(i);
    i.children?.forEach(visit);
  };
  summary.sections.forEach((s) => s.items.forEach(visit));
  return out;
}

function allFindings(summary: PolicySummary) {
  return [...summary.findings, ...summary.sections.flatMap((s) => s.findings ?? []), ...items(summary).flatMap((i) => i.findings ?? [])];
}

for (const entry of all) {
  test(`structure: ${entry.name}`, () => {
    const summary = explainPolicy(entry.text);
    const result = validatePolicy(entry.text);
    const body = result.parsed.value as Record<string, unknown>;
    assert.equal(summary.apiVersion, result.apiVersion);
    // The parts a reviewer always reads.
    const ids = summary.sections.map((s) => s.id);
    for (const id of ['requestors', 'requests', 'approval', 'assignment', 'reviews'] as const) assert.ok(ids.includes(id), `${id} section`);
    // One stage in the summary and the picture per stage in the file.
    const settings = body.requestApprovalSettings as Record<string, unknown> | undefined;
    const stages = (settings?.[summary.apiVersion === 'v1.0' ? 'stages' : 'approvalStages'] as unknown[] | undefined) ?? [];
    assert.equal(summary.flow.stages.length, stages.length);
    // Every statement points into the file.
    const lineCount = entry.text.split('\n').length;
    for (const i of items(summary)) {
      assert.ok(i.text.length > 0);
      assert.ok(i.range, `"${i.text}" has a range`);
      assert.ok(i.range!.start.line < lineCount && i.range!.end.line < lineCount);
    }
    // Every error and warning appears exactly once, beside something.
    const shown = allFindings(summary)
      .map((f) => `${f.code}@${f.range.start.line}:${f.range.start.character}`)
      .sort();
    const expected = result.diagnostics
      .filter((d) => d.severity !== 'information')
      .map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`)
      .sort();
    assert.deepEqual(shown, expected);
    // Durations in words, never ISO 8601 or minute counts.
    // (Only the statements: a finding's message may quote the file's own values.)
    const statements = items(summary)
      .map((i) => i.text)
      .join('\n');
    assert.doesNotMatch(statements, /\bP(T?\d+[YMWDHS])+\b/, 'no ISO 8601 duration in the text');
    assert.doesNotMatch(statements, /\b\d{4,} minutes\b/, 'no minute counts of a day or more');
    const text = renderText(summary);
    // Deterministic, and both renderers carry the headline.
    assert.equal(renderText(explainPolicy(entry.text)), text);
    assert.ok(text.includes(summary.headline));
    assert.ok(renderMarkdown(summary).includes(summary.headline.replace(/[\\`*_[\]<>|~]/g, '\\$&')));
  });
}

test('a finding sits beside the statement about its part, not at the top', () => {
  const entry = all.find((e) => e.name === 'snippet ap-multistage-escalation')!;
  // Stage 2 escalates after 7 days although its time-out is 2 days: AP2010 on that stage.
  const text = entry.text.replace(
    /("durationBeforeAutomaticDenial": )"P14D"([\s\S]*"durationBeforeAutomaticDenial": )"P14D"/,
    '$1"P14D"$2"P2D"',
  );
  const summary = explainPolicy(text);
  const stage2 = summary.sections.find((s) => s.id === 'approval')!.items.find((i) => i.text === 'Stage 2')!;
  const beside = items({ ...summary, sections: [{ ...summary.sections[0], items: [stage2] }] }).flatMap((i) => i.findings ?? []);
  assert.ok(
    beside.some((f) => f.code === 'AP2010'),
    JSON.stringify(allFindings(summary).map((f) => [f.code, f.path])),
  );
  assert.match(renderText(summary), /Stage 2[\s\S]*Denied if nobody decides within 2 days\.[\s\S]*AP2010/);
});

test('durations read as people say them, in both versions', () => {
  const v1 = explainPolicy(
    JSON.stringify({
      displayName: 'd',
      accessPackage: { id: '7deff43e-1f17-44ef-9e5f-d516b0ba11d4' },
      allowedTargetScope: 'allMemberUsers',
      expiration: { type: 'afterDuration', duration: 'PT36H' },
      requestApprovalSettings: {
        isApprovalRequiredForAdd: true,
        stages: [
          {
            durationBeforeAutomaticDenial: 'P1W',
            isEscalationEnabled: true,
            durationBeforeEscalation: 'PT2880M',
            primaryApprovers: [{ '@odata.type': '#microsoft.graph.requestorManager', managerLevel: 2 }],
            escalationApprovers: [{ '@odata.type': '#microsoft.graph.singleUser', userId: '46184453-e63b-4f20-86c2-c557ed5d5df9' }],
          },
        ],
      },
    }),
  );
  const t = renderText(v1);
  assert.match(t, /Access lasts 1 day 12 hours from when it starts\./);
  assert.match(t, /Denied if nobody decides within 1 week\./);
  assert.match(t, /Escalates after 2 days to:\n\s+- user 46184453-e63b-4f20-86c2-c557ed5d5df9/);
  assert.match(t, /the requestor's manager \(2 levels up\)/);
  assert.equal(v1.headline, 'Requested by: all member users · 1 approval stage · 1 day 12 hours · no review');

  const beta = explainPolicy(
    JSON.stringify({
      accessPackageId: '7deff43e-1f17-44ef-9e5f-d516b0ba11d4',
      displayName: 'b',
      durationInDays: 30,
      canExtend: true,
      requestorSettings: {
        scopeType: 'SpecificDirectorySubjects',
        acceptRequests: true,
        allowedRequestors: [{ '@odata.type': '#microsoft.graph.groupMembers', id: '1623f912-5e86-41c2-af47-39dd67582b66' }],
      },
      requestApprovalSettings: {
        isApprovalRequired: true,
        isApprovalRequiredForExtension: true,
        approvalMode: 'SingleStage',
        approvalStages: [
          {
            approvalStageTimeOutInDays: 5,
            isEscalationEnabled: true,
            escalationTimeInMinutes: 1500,
            primaryApprovers: [
              { '@odata.type': '#microsoft.graph.requestorManager', isBackup: false },
              { '@odata.type': '#microsoft.graph.singleUser', id: '7deff43e-1f17-44ef-9e5f-d516b0ba11d4', isBackup: true },
            ],
            escalationApprovers: [
              { '@odata.type': '#microsoft.graph.singleUser', id: '46184453-e63b-4f20-86c2-c557ed5d5df9', isBackup: false },
            ],
          },
        ],
      },
      accessReviewSettings: {
        isEnabled: true,
        recurrenceType: 'halfyearly',
        reviewerType: 'Manager',
        durationInDays: 14,
        accessReviewTimeoutBehavior: 'removeAccess',
        reviewers: [{ '@odata.type': '#microsoft.graph.groupMembers', id: '1623f912-5e86-41c2-af47-39dd67582b66', isBackup: true }],
      },
    }),
  );
  const b = renderText(beta);
  assert.match(b, /Escalates after 1 day 1 hour to:/);
  assert.match(b, /Denied if nobody decides within 5 days\./);
  assert.match(
    b,
    /Approvers:\n\s+- the requestor's manager\n\s+- Fallback approvers \(when no primary approver can be found\):\n\s+- user 7deff43e/,
  );
  assert.match(b, /Fallback reviewers:\n\s+- members of group 1623f912/);
  assert.match(b, /When nobody decides: Undecided people lose their access\./);
  assert.match(b, /Assignees may ask to extend their access, with approval\./);
  assert.equal(
    beta.headline,
    'Requested by: members of group 1623f912-5e86-41c2-af47-39dd67582b66 · 1 approval stage · 30 days · half-yearly review',
  );
});

test('a file that is not a policy gets a summary that says so, with its error', () => {
  const s = explainPolicy('[1, 2');
  assert.equal(s.sections.length, 0);
  assert.match(s.headline, /^Not a policy/);
  assert.ok(s.findings.some((f) => f.code === 'AP0001'));
  assert.match(renderText(s), /✖ error AP0001/);
});

test('Markdown escapes text from the file so a display name cannot inject markup', () => {
  const s = explainPolicy(
    JSON.stringify({
      displayName: 'x <img src=y> **bold** [link](http://e)',
      accessPackage: { id: '7deff43e-1f17-44ef-9e5f-d516b0ba11d4' },
      allowedTargetScope: 'allMemberUsers',
    }),
  );
  const md = renderMarkdown(s);
  assert.ok(md.startsWith('### x \\<img src=y\\> \\*\\*bold\\*\\* \\[link\\](http://e)'), md.split('\n')[0]);
});
