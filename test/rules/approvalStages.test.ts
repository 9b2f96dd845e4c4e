// Approval stages (R1–R5, R7): each rule broken once and kept once, in both API versions where it applies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BETA_DIRECT, BETA_MULTISTAGE, BETA_QUESTIONS, V1_DIRECT, V1_MULTISTAGE, body, check, expectAt, expectNone } from './support';

const G = (t: string) => `#microsoft.graph.${t}`;
const USER = { '@odata.type': G('singleUser'), userId: '7deff43e-1f17-44ef-9e5f-d516b0ba11d4' };
const BETA_USER = { '@odata.type': G('singleUser'), id: '7deff43e-1f17-44ef-9e5f-d516b0ba11d4' };

test('AP2001: more than three stages is an error on the fourth stage; three is fine', async () => {
  const stages = (n: number) =>
    body(V1_MULTISTAGE, (b) => {
      const s = b.requestApprovalSettings.stages;
      while (s.length < n) s.push(structuredClone(s[0]));
    });
  const bad = await check(stages(4));
  expectAt(bad, 'AP2001', '|{\n        "durationBeforeAutomaticDenial"', { nth: 3, severity: 'error' });
  expectNone(await check(stages(3)), 'AP2001');
});

test('AP2002: stages while approval is not required is a warning on the stages key', async () => {
  const stage = body(V1_MULTISTAGE).requestApprovalSettings.stages[0];
  const bad = await check(
    body(V1_DIRECT, (b) => {
      b.requestApprovalSettings.stages = [stage];
    }),
  );
  expectAt(bad, 'AP2002', '|"stages": [', { severity: 'warning' });
  expectNone(await check(body(V1_DIRECT)), 'AP2002');
  const betaBad = await check(
    body(BETA_DIRECT, (b) => {
      b.requestApprovalSettings.approvalStages = body(BETA_MULTISTAGE).requestApprovalSettings.approvalStages;
    }),
  );
  expectAt(betaBad, 'AP2002', '|"approvalStages": [');
});

test('AP2003: approval required with no stages is information (inferred) on the flag', async () => {
  const bad = await check(
    body(V1_DIRECT, (b) => {
      b.requestApprovalSettings.isApprovalRequiredForAdd = true;
    }),
  );
  const d = expectAt(bad, 'AP2003', '"isApprovalRequiredForAdd": |true', { severity: 'information' });
  assert.match(d.message, /inferred/i);
  expectNone(await check(body(V1_DIRECT)), 'AP2003');
});

test('AP2004: a stage with no approvers is an error (v1: primary or fallback; beta: primary)', async () => {
  const bad = await check(
    body(V1_MULTISTAGE, (b) => {
      b.requestApprovalSettings.stages[1].fallbackPrimaryApprovers = [];
    }),
  );
  expectAt(bad, 'AP2004', '|"primaryApprovers": []', { severity: 'error' });
  // The docs' own stage 2 has only fallback approvers: accepted.
  expectNone(await check(body(V1_MULTISTAGE)), 'AP2004');
  const betaBad = await check(
    body(BETA_MULTISTAGE, (b) => {
      b.requestApprovalSettings.approvalStages[0].primaryApprovers = [];
    }),
  );
  expectAt(betaBad, 'AP2004', '|"primaryApprovers": []', { severity: 'error' });
  expectNone(await check(body(BETA_MULTISTAGE)), 'AP2004');
});

test('AP2006: a manager or target-user-sponsor approver without a fallback is a warning on its type', async () => {
  const v1 = (fallback: unknown[]) =>
    body(V1_MULTISTAGE, (b) => {
      const s = b.requestApprovalSettings.stages[0];
      s.primaryApprovers = [{ '@odata.type': G('requestorManager'), managerLevel: 1 }];
      s.fallbackPrimaryApprovers = fallback;
    });
  const bad = await check(v1([]));
  const d = expectAt(bad, 'AP2006', '"@odata.type": |"#microsoft.graph.requestorManager"', { severity: 'warning' });
  assert.match(d.message, /fallbackPrimaryApprovers/);
  expectNone(await check(v1([USER])), 'AP2006');

  const beta = (withBackup: boolean) =>
    body(BETA_MULTISTAGE, (b) => {
      b.requestApprovalSettings.approvalStages[0].primaryApprovers = [
        { '@odata.type': G('targetUserSponsors'), isBackup: false },
        ...(withBackup ? [{ ...BETA_USER, isBackup: true }] : []),
      ];
    });
  expectAt(await check(beta(false)), 'AP2006', '"@odata.type": |"#microsoft.graph.targetUserSponsors"');
  expectNone(await check(beta(true)), 'AP2006');
});

function v1Escalation(edit: (s: Record<string, any>) => void) {
  return body(V1_MULTISTAGE, (b) => {
    const s = b.requestApprovalSettings.stages[0];
    s.isEscalationEnabled = true;
    s.durationBeforeEscalation = 'P2D';
    s.escalationApprovers = [USER];
    edit(s);
  });
}

test('escalation set up correctly (P2D before a P14D timeout, with approvers) raises none of AP2008–AP2011', async () => {
  const c = await check(v1Escalation(() => {}));
  for (const code of ['AP2008', 'AP2009', 'AP2010', 'AP2011']) expectNone(c, code);
  const beta = await check(body(BETA_MULTISTAGE)); // 11520 min before a 14-day timeout
  for (const code of ['AP2008', 'AP2009', 'AP2010', 'AP2011']) expectNone(beta, code);
});

test('AP2008: escalation enabled without escalation approvers is an error on the flag', async () => {
  const bad = await check(
    v1Escalation((s) => {
      s.escalationApprovers = [];
    }),
  );
  expectAt(bad, 'AP2008', '"isEscalationEnabled": |true', { severity: 'error' });
  const fallbackOnly = await check(
    v1Escalation((s) => {
      s.escalationApprovers = [];
      s.fallbackEscalationApprovers = [USER];
    }),
  );
  expectNone(fallbackOnly, 'AP2008');
  const betaBad = await check(
    body(BETA_MULTISTAGE, (b) => {
      b.requestApprovalSettings.approvalStages[1].escalationApprovers = [];
    }),
  );
  expectAt(betaBad, 'AP2008', '"isEscalationEnabled": |true', { nth: 1 });
});

test('AP2009: escalation sooner than one day is an error on the duration (ISO 8601 in v1, minutes in beta)', async () => {
  expectAt(
    await check(
      v1Escalation((s) => {
        s.durationBeforeEscalation = 'PT12H';
      }),
    ),
    'AP2009',
    '"durationBeforeEscalation": |"PT12H"',
    { severity: 'error' },
  );
  expectNone(
    await check(
      v1Escalation((s) => {
        s.durationBeforeEscalation = 'PT24H';
      }),
    ),
    'AP2009',
  );
  const beta = await check(
    body(BETA_MULTISTAGE, (b) => {
      b.requestApprovalSettings.approvalStages[0].escalationTimeInMinutes = 600;
    }),
  );
  expectAt(beta, 'AP2009', '"escalationTimeInMinutes": |600');
});

test('AP2010: a stage timeout under four days with escalation is an error on the timeout', async () => {
  expectAt(
    await check(
      v1Escalation((s) => {
        s.durationBeforeAutomaticDenial = 'P3D';
      }),
    ),
    'AP2010',
    '"durationBeforeAutomaticDenial": |"P3D"',
    { severity: 'error' },
  );
  expectNone(
    await check(
      v1Escalation((s) => {
        s.durationBeforeAutomaticDenial = 'P4D';
      }),
    ),
    'AP2010',
  );
  // Without escalation a short timeout is fine.
  expectNone(
    await check(
      body(V1_MULTISTAGE, (b) => {
        b.requestApprovalSettings.stages[0].durationBeforeAutomaticDenial = 'P3D';
      }),
    ),
    'AP2010',
  );
  const beta = await check(
    body(BETA_MULTISTAGE, (b) => {
      b.requestApprovalSettings.approvalStages[0].approvalStageTimeOutInDays = 3;
    }),
  );
  expectAt(beta, 'AP2010', '"approvalStageTimeOutInDays": |3');
});

test('AP2011: escalation not before the timeout is information (inferred) on the escalation time', async () => {
  const d = expectAt(
    await check(
      v1Escalation((s) => {
        s.durationBeforeEscalation = 'P14D';
      }),
    ),
    'AP2011',
    '"durationBeforeEscalation": |"P14D"',
    { severity: 'information' },
  );
  assert.match(d.message, /inferred/i);
  expectNone(
    await check(
      v1Escalation((s) => {
        s.durationBeforeEscalation = 'P13D';
      }),
    ),
    'AP2011',
  );
});

test('AP2012: beta approvalMode contradicting isApprovalRequired is a warning on approvalMode', async () => {
  const required = await check(
    body(BETA_MULTISTAGE, (b) => {
      b.requestApprovalSettings.approvalMode = 'NoApproval';
    }),
  );
  expectAt(required, 'AP2012', '"approvalMode": |"NoApproval"', { severity: 'warning' });
  const notRequired = await check(
    body(BETA_DIRECT, (b) => {
      b.requestApprovalSettings.approvalMode = 'SingleStage';
    }),
  );
  expectAt(notRequired, 'AP2012', '"approvalMode": |"SingleStage"');
  expectNone(await check(body(BETA_MULTISTAGE)), 'AP2012');
  expectNone(await check(body(BETA_DIRECT)), 'AP2012');
});

test('AP2014: beta approvalMode not matching the stage count is information (inferred)', async () => {
  const d = expectAt(
    await check(
      body(BETA_MULTISTAGE, (b) => {
        b.requestApprovalSettings.approvalMode = 'SingleStage';
      }),
    ),
    'AP2014',
    '"approvalMode": |"SingleStage"',
    { severity: 'information' },
  );
  assert.match(d.message, /inferred/i);
  expectNone(await check(body(BETA_MULTISTAGE)), 'AP2014'); // Serial with 2 stages
  expectNone(await check(body(BETA_QUESTIONS)), 'AP2014'); // SingleStage with 1 stage
});

test('AP2013: beta escalationApprovers null or missing; information on create, error on update (body with id)', async () => {
  const nulled = (id?: string) =>
    body(BETA_MULTISTAGE, (b) => {
      if (id) b.id = id;
      b.requestApprovalSettings.approvalStages[0].escalationApprovers = null;
    });
  expectAt(await check(nulled()), 'AP2013', '"escalationApprovers": |null', { severity: 'information' });
  expectAt(await check(nulled('3a4c1d0e-8d65-4a21-9b8e-2f6c9a7d5e11')), 'AP2013', '"escalationApprovers": |null', { severity: 'error' });
  // Missing: reported on the stage's opening brace.
  const missing = await check(body(BETA_QUESTIONS));
  expectAt(missing, 'AP2013', '"approvalStages": [\n      |{');
  expectNone(
    await check(
      body(BETA_QUESTIONS, (b) => {
        b.requestApprovalSettings.approvalStages[0].escalationApprovers = [];
      }),
    ),
    'AP2013',
  );
});
