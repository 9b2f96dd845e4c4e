// The classes of issue 8 ("Right on the bodies people really write"), each shown on a small body
// over LSP: string scalars, cascades, mixed versions, severity and wording, and the missed problems.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BETA_DIRECT, V1_DIRECT, V1_MULTISTAGE, body, check, expectAt, expectCount, expectNoErrors, expectNone } from './support';

const G = (t: string) => `#microsoft.graph.${t}`;
const GUID = '7deff43e-1f17-44ef-9e5f-d516b0ba11d4';
const GUID2 = '1623f912-5e86-41c2-af47-39dd67582b66';
const USER = { '@odata.type': G('singleUser'), userId: GUID };
const GROUP = { '@odata.type': G('groupMembers'), groupId: GUID2 };

const stage = (extra: Record<string, unknown> = {}) => ({
  durationBeforeAutomaticDenial: 'P14D',
  isEscalationEnabled: false,
  primaryApprovers: [USER],
  fallbackPrimaryApprovers: [],
  escalationApprovers: [],
  fallbackEscalationApprovers: [],
  ...extra,
});

test('1: booleans written as strings are a warning with the boolean they mean, and every rule reads them so', async () => {
  const c = await check(
    body(V1_DIRECT, (b) => {
      b.requestApprovalSettings = {
        isApprovalRequiredForAdd: 'true',
        isApprovalRequiredForUpdate: 'False',
        stages: [stage({ isEscalationEnabled: 'false' })],
      };
    }),
  );
  expectNoErrors(c);
  const d = expectAt(c, 'AP1012', '"isApprovalRequiredForAdd": |"true"', { severity: 'warning' });
  assert.match(d.message, /Graph reads it as true/);
  expectAt(c, 'AP1012', '"isApprovalRequiredForUpdate": |"False"', { severity: 'warning' });
  expectNone(c, 'AP1002');
  expectNone(c, 'AP2002'); // approval IS required, as the author meant
  // Read as true, with no stages: the rule for "required but no stages" applies.
  const noStages = await check(
    body(V1_DIRECT, (b) => {
      b.requestApprovalSettings = { isApprovalRequiredForAdd: 'true', stages: [] };
    }),
  );
  expectAt(noStages, 'AP2003', '"isApprovalRequiredForAdd": |"true"', { severity: 'information' });
  // A string that is not a boolean is still a type error.
  expectAt(
    await check(
      body(V1_DIRECT, (b) => {
        b.requestApprovalSettings = { isApprovalRequiredForAdd: 'yes', stages: [] };
      }),
    ),
    'AP1002',
    '"isApprovalRequiredForAdd": |"yes"',
    { severity: 'error' },
  );
});

test('1: whole numbers written as strings are a warning (inferred), read as the number', async () => {
  const c = await check(
    body(BETA_DIRECT, (b) => {
      b.durationInDays = '4000';
      b.canExtend = 'true';
    }),
  );
  const d = expectAt(c, 'AP1013', '"durationInDays": |"4000"', { severity: 'warning' });
  assert.match(d.message, /inferred/i);
  expectAt(c, 'AP2015', '"durationInDays": |"4000"', { severity: 'error' }); // the range rule reads 4000
  expectAt(c, 'AP1012', '"canExtend": |"true"');
  expectNone(c, 'AP1002');
  // Not a whole number: still the type error.
  expectAt(
    await check(
      body(BETA_DIRECT, (b) => {
        b.durationInDays = '30 days';
      }),
    ),
    'AP1002',
    '"durationInDays": |"30 days"',
  );
});

test('2: no cascade: a value with a type error draws one diagnostic, and rules draw no conclusion from it', async () => {
  const nullId = await check(
    body(V1_DIRECT, (b) => {
      b.accessPackage = { id: null };
    }),
  );
  assert.equal(nullId.diagnostics.filter((d) => d.range.start.line === nullId.diagnostics[0]?.range.start.line).length, 1);
  expectCount(nullId, 'AP1002', 1);
  expectNone(nullId, 'AP2040');
  const yes = await check(
    body(V1_MULTISTAGE, (b) => {
      b.requestApprovalSettings.isApprovalRequiredForAdd = 'yes';
    }),
  );
  expectCount(yes, 'AP1002', 1);
  expectNone(yes, 'AP2002');
  const scope = await check(
    body(V1_DIRECT, (b) => {
      b.allowedTargetScope = 'SpecificDirectorySubjects';
      b.specificAllowedTargets = [GROUP];
    }),
  );
  const d = expectAt(scope, 'AP1003', '"allowedTargetScope": |"SpecificDirectorySubjects"');
  assert.match(d.message, /beta `scopeType` name; in v1\.0 it is `specificDirectoryUsers`/);
  expectNone(scope, 'AP2020');
});

test('3: a mixed body is checked by the evidence at every depth; the split is said, and the minority is foreign', async () => {
  const c = await check({
    displayName: 'Mixed',
    accessPackageId: GUID,
    requestorSettings: { scopeType: 'AllExistingDirectoryMemberUsers', acceptRequests: true },
    requestApprovalSettings: {
      isApprovalRequired: true,
      approvalStages: [
        {
          approvalStageTimeOutInDays: 14,
          primaryApprovers: [{ '@odata.type': G('groupMembers'), groupId: GUID2 }],
          escalationApprovers: [],
        },
      ],
    },
    questions: [{ '@odata.type': G('accessPackageTextInputQuestion'), text: { defaultText: 'Why?' } }],
    expiration: { type: 'NoExpiration' },
    reviewSettings: { isEnabled: false },
  });
  const uncertain = expectAt(c, 'AP0005', '|{', { severity: 'warning' });
  assert.match(uncertain.message, /checked as beta/);
  expectAt(c, 'AP0002', '|"expiration"', { severity: 'error' });
  expectAt(c, 'AP0002', '|"reviewSettings"', { severity: 'error' });
  expectNone(c, 'AP2040'); // the beta half is right: accessPackageId is there
  for (const key of ['scopeType', 'approvalStages', 'defaultText', 'accessPackageId']) {
    assert.ok(!c.diagnostics.some((d) => d.code === 'AP0002' && d.message.startsWith(`\`${key}\``)), `${key} is not foreign`);
  }
  // The real mistakes: a v1.0 groupId in a beta approver, and (item 9) the wrong-case enum inside the foreign part.
  expectAt(c, 'AP1001', '|"groupId"', { severity: 'error' });
  const wrongCase = expectAt(c, 'AP1003', '"type": |"NoExpiration"', { severity: 'error' });
  assert.match(wrongCase.message, /noExpiration/);
  // Inside a foreign part only values are checked: v1.0 keys under a beta container are not "wrong".
  const v1 = await check(
    body(V1_DIRECT, (b) => {
      b.requestApprovalSettings = {
        isApprovalRequiredForAdd: true,
        approvalStages: [{ approvalStageTimeOutInDays: 14, primaryApprovers: [USER] }],
      };
    }),
  );
  expectAt(v1, 'AP0002', '|"approvalStages"', { severity: 'error' });
  expectNone(v1, 'AP1001');
  expectNone(v1, 'AP1004');
  // One stray property in a clear body is a mistake, not a split.
  expectNone(
    await check(
      body(V1_DIRECT, (b) => {
        b.durationInDays = 30;
      }),
    ),
    'AP0005',
  );
});

test("4: a subject's read-only description is information; OData annotations are named as such; counts agree", async () => {
  const c = await check(
    body(V1_DIRECT, (b) => {
      b['@odata.context'] =
        'https://graph.microsoft.com/v1.0/$metadata#identityGovernance/entitlementManagement/assignmentPolicies/$entity';
      b['@odata.etag'] = 'W/"1"';
      b.allowedTargetScope = 'specificDirectoryUsers';
      b.specificAllowedTargets = [{ ...GROUP, description: 'Sales team' }];
    }),
  );
  expectAt(c, 'AP2042', '|"description": "Sales team"', { severity: 'information' });
  const ctx = expectAt(c, 'AP1014', '|"@odata.context"', { severity: 'information' });
  assert.match(ctx.message, /OData control annotation/);
  assert.match(ctx.message, /does not need it/);
  expectAt(c, 'AP1014', '|"@odata.etag"', { severity: 'information' });
  expectNone(c, 'AP1001');
  const one = await check(
    body(V1_DIRECT, (b) => {
      b.requestApprovalSettings = { isApprovalRequiredForAdd: false, isApprovalRequiredForUpdate: false, stages: [stage()] };
    }),
  );
  const d = expectAt(one, 'AP2002', '|"stages"');
  assert.match(d.message, /the 1 approval stage is never used/);
});

test('5: an attribute rule target without automaticRequestSettings assigns nobody (warning)', async () => {
  const rule = { '@odata.type': G('attributeRuleMembers'), membershipRule: '(user.department -eq "Sales")', description: 'Sales' };
  const c = await check(
    body(V1_DIRECT, (b) => {
      b.allowedTargetScope = 'specificDirectoryUsers';
      b.specificAllowedTargets = [rule];
    }),
  );
  expectAt(c, 'AP2043', '|"#microsoft.graph.attributeRuleMembers"', { severity: 'warning' });
  expectNone(
    await check(
      body(V1_DIRECT, (b) => {
        b.allowedTargetScope = 'specificDirectoryUsers';
        b.specificAllowedTargets = [rule];
        b.automaticRequestSettings = { requestAccessForAllowedTargets: true };
        b.requestorSettings = { enableTargetsToSelfAddAccess: false };
      }),
    ),
    'AP2043',
  );
});

test('6: fallback approvers on a stage without a manager or sponsor are never asked (information, inferred)', async () => {
  const settings = (s: Record<string, unknown>) =>
    body(V1_DIRECT, (b) => {
      b.requestApprovalSettings = { isApprovalRequiredForAdd: true, stages: [s] };
    });
  const d = expectAt(await check(settings(stage({ fallbackPrimaryApprovers: [GROUP] }))), 'AP2044', '|"fallbackPrimaryApprovers"', {
    severity: 'information',
  });
  assert.match(d.message, /Inferred/);
  expectNone(
    await check(
      settings(stage({ primaryApprovers: [{ '@odata.type': G('requestorManager'), managerLevel: 1 }], fallbackPrimaryApprovers: [GROUP] })),
    ),
    'AP2044',
  );
  expectNone(
    await check(settings(stage({ primaryApprovers: [{ '@odata.type': G('internalSponsors') }], fallbackPrimaryApprovers: [GROUP] }))),
    'AP2044',
  );
  // Fallbacks only (the docs' own second stage): they are the approvers.
  expectNone(await check(settings(stage({ primaryApprovers: [], fallbackPrimaryApprovers: [GROUP] }))), 'AP2044');
  // beta: a backup entry with only named approvers beside it.
  const beta = await check(
    body(BETA_DIRECT, (b) => {
      b.requestApprovalSettings = {
        isApprovalRequired: true,
        approvalMode: 'SingleStage',
        approvalStages: [
          {
            approvalStageTimeOutInDays: 14,
            escalationApprovers: [],
            primaryApprovers: [
              { '@odata.type': G('singleUser'), id: GUID, isBackup: false },
              { '@odata.type': G('groupMembers'), id: GUID2, isBackup: true },
            ],
          },
        ],
      };
    }),
  );
  expectAt(beta, 'AP2044', '"isBackup": |true', { severity: 'information' });
});

test('7: v1.0 review schedule without expiration is a warning (AP2028)', async () => {
  const review = (schedule: Record<string, unknown>) =>
    body(V1_DIRECT, (b) => {
      b.reviewSettings = {
        isEnabled: true,
        isSelfReview: true,
        schedule: {
          startDateTime: '2027-01-01T00:00:00Z',
          recurrence: { pattern: { type: 'weekly', interval: 1 }, range: { type: 'noEnd' } },
          ...schedule,
        },
      };
    });
  const d = expectAt(await check(review({})), 'AP2028', '|"schedule"', { severity: 'warning' });
  assert.match(d.message, /how long each review stays open/);
  expectNone(await check(review({ expiration: { type: 'afterDuration', duration: 'P14D' } })), 'AP2028');
});

test('8: v1.0 escalation with escalation approvers but no durationBeforeEscalation is a warning (AP2038)', async () => {
  const esc = (extra: Record<string, unknown>) =>
    body(V1_DIRECT, (b) => {
      b.requestApprovalSettings = {
        isApprovalRequiredForAdd: true,
        stages: [stage({ isEscalationEnabled: true, escalationApprovers: [GROUP], ...extra })],
      };
    });
  expectAt(await check(esc({})), 'AP2038', '|{\n        "durationBeforeAutomaticDenial"', { severity: 'warning' });
  expectAt(await check(esc({ durationBeforeEscalation: null })), 'AP2038', '"durationBeforeEscalation": |null');
  expectNone(await check(esc({ durationBeforeEscalation: 'P2D' })), 'AP2038');
});

test('1: an @odata.type without its "#" is a warning, and rules read the type it names', async () => {
  const c = await check(
    body(V1_DIRECT, (b) => {
      b.requestApprovalSettings = {
        isApprovalRequiredForAdd: true,
        stages: [stage({ primaryApprovers: [{ '@odata.type': 'microsoft.graph.requestorManager', managerLevel: 1 }] })],
      };
    }),
  );
  expectNoErrors(c);
  expectAt(c, 'AP1015', '"@odata.type": |"microsoft.graph.requestorManager"', { severity: 'warning' });
  expectAt(c, 'AP2006', '"@odata.type": |"microsoft.graph.requestorManager"'); // a manager approver, as meant
  expectAt(
    await check(
      body(V1_DIRECT, (b) => {
        b.allowedTargetScope = 'specificDirectoryUsers';
        b.specificAllowedTargets = [{ '@odata.type': 'groupMembers', groupId: GUID2 }];
      }),
    ),
    'AP1010',
    '"@odata.type": |"groupMembers"',
    { severity: 'error' },
  );
});
