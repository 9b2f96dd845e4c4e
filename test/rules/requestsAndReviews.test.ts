// Who can request (R13–R17) and access reviews (R18, R19).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BETA_DIRECT, BETA_MULTISTAGE, V1_DIRECT, V1_MULTISTAGE, body, check, expectAt, expectNone } from './support';

const G = (t: string) => `#microsoft.graph.${t}`;
const GUID = '7deff43e-1f17-44ef-9e5f-d516b0ba11d4';
const V1_USER = { '@odata.type': G('singleUser'), userId: GUID };
const BETA_USER = { '@odata.type': G('singleUser'), id: GUID };

test('AP2019: beta scopeType against allowedRequestors is an error', async () => {
  const rs = (scopeType: string, allowedRequestors: unknown[]) =>
    body(BETA_DIRECT, (b) => {
      b.requestorSettings = { scopeType, acceptRequests: true, allowedRequestors };
    });
  expectAt(await check(rs('NoSubjects', [BETA_USER])), 'AP2019', '|"allowedRequestors": [', { severity: 'error' });
  const wrongKind = await check(rs('SpecificDirectorySubjects', [{ '@odata.type': G('connectedOrganizationMembers'), id: GUID }]));
  expectAt(wrongKind, 'AP2019', '"@odata.type": |"#microsoft.graph.connectedOrganizationMembers"');
  expectNone(await check(rs('SpecificDirectorySubjects', [BETA_USER])), 'AP2019');
  expectNone(await check(body(BETA_DIRECT)), 'AP2019');
});

test('AP2020: v1 allowedTargetScope against specificAllowedTargets is information (inferred)', async () => {
  const ts = (allowedTargetScope: string, specificAllowedTargets: unknown[]) =>
    body(V1_DIRECT, (b) => {
      Object.assign(b, { allowedTargetScope, specificAllowedTargets });
    });
  const d = expectAt(await check(ts('allMemberUsers', [V1_USER])), 'AP2020', '|"specificAllowedTargets": [', { severity: 'information' });
  assert.match(d.message, /inferred/i);
  expectAt(await check(ts('specificConnectedOrganizationUsers', [V1_USER])), 'AP2020', '"@odata.type": |"#microsoft.graph.singleUser"');
  expectNone(await check(ts('specificDirectoryUsers', [V1_USER])), 'AP2020');
});

test('AP2021: a specific scope with no one listed is a warning (v1 and beta)', async () => {
  expectAt(
    await check(
      body(V1_DIRECT, (b) => {
        b.allowedTargetScope = 'specificDirectoryUsers';
      }),
    ),
    'AP2021',
    '|"specificAllowedTargets": []',
    { severity: 'warning' },
  );
  expectNone(
    await check(
      body(V1_DIRECT, (b) => {
        b.allowedTargetScope = 'specificDirectoryUsers';
        b.specificAllowedTargets = [V1_USER];
      }),
    ),
    'AP2021',
  );
  expectAt(
    await check(
      body(BETA_DIRECT, (b) => {
        b.requestorSettings.scopeType = 'SpecificDirectorySubjects';
      }),
    ),
    'AP2021',
    '|"allowedRequestors": []',
  );
});

const auto = (edit: (b: Record<string, any>) => void = () => {}) =>
  body(V1_DIRECT, (b) => {
    b.allowedTargetScope = 'specificDirectoryUsers';
    b.specificAllowedTargets = [{ '@odata.type': G('attributeRuleMembers'), membershipRule: '(user.department -eq "Sales")' }];
    b.automaticRequestSettings = {
      requestAccessForAllowedTargets: true,
      removeAccessWhenTargetLeavesAllowedTargets: true,
      gracePeriodBeforeAccessRemoval: 'P7D',
    };
    edit(b);
  });

test('AP2022–AP2024: auto-assignment needs specificDirectoryUsers + attribute rule, no approval, no self requests', async () => {
  const good = await check(auto());
  for (const code of ['AP2022', 'AP2023', 'AP2024']) expectNone(good, code);
  expectAt(
    await check(
      auto((b) => {
        b.allowedTargetScope = 'allMemberUsers';
      }),
    ),
    'AP2022',
    '"allowedTargetScope": |"allMemberUsers"',
    { severity: 'error' },
  );
  expectAt(
    await check(
      auto((b) => {
        b.specificAllowedTargets = [V1_USER];
      }),
    ),
    'AP2022',
    '|"specificAllowedTargets": [',
  );
  expectAt(
    await check(
      auto((b) => {
        b.requestApprovalSettings.isApprovalRequiredForAdd = true;
      }),
    ),
    'AP2023',
    '"isApprovalRequiredForAdd": |true',
    { severity: 'warning' },
  );
  expectAt(
    await check(
      auto((b) => {
        b.requestorSettings.enableTargetsToSelfAddAccess = true;
      }),
    ),
    'AP2024',
    '"enableTargetsToSelfAddAccess": |true',
    { severity: 'warning' },
  );
});

test('AP2025: requests switched off (beta NoSubjects without acceptRequests: warning; v1: information)', async () => {
  expectAt(
    await check(
      body(BETA_DIRECT, (b) => {
        b.requestorSettings.acceptRequests = false;
      }),
    ),
    'AP2025',
    '"acceptRequests": |false',
    { severity: 'warning' },
  );
  expectNone(await check(body(BETA_DIRECT)), 'AP2025');
  const v1 = await check(
    body(V1_DIRECT, (b) => {
      b.allowedTargetScope = 'allMemberUsers';
    }),
  );
  expectAt(v1, 'AP2025', '"enableTargetsToSelfAddAccess": |false', { severity: 'information' });
  expectNone(await check(body(V1_DIRECT)), 'AP2025'); // notSpecified: direct assignment, as in the docs
  expectNone(
    await check(
      body(V1_DIRECT, (b) => {
        b.allowedTargetScope = 'allMemberUsers';
        b.requestorSettings.enableTargetsToSelfAddAccess = true;
      }),
    ),
    'AP2025',
  );
});

test('AP2026: on-behalf requestors without the switches (or the reverse) is information', async () => {
  const listed = await check(
    body(V1_MULTISTAGE, (b) => {
      b.requestorSettings.onBehalfRequestors = [V1_USER];
    }),
  );
  expectAt(listed, 'AP2026', '|"onBehalfRequestors": [', { severity: 'information' });
  const switched = await check(
    body(V1_MULTISTAGE, (b) => {
      b.requestorSettings.enableOnBehalfRequestorsToAddAccess = true;
    }),
  );
  expectAt(switched, 'AP2026', '"enableOnBehalfRequestorsToAddAccess": |true');
  expectNone(
    await check(
      body(V1_MULTISTAGE, (b) => {
        b.requestorSettings.onBehalfRequestors = [{ '@odata.type': G('targetManager'), managerLevel: 1 }];
        b.requestorSettings.enableOnBehalfRequestorsToAddAccess = true;
      }),
    ),
    'AP2026',
  );
});

test('AP2027: reviews with no reviewers (beta reviewerType Reviewers: error; v1 not self-review: warning)', async () => {
  const beta = (reviewers: unknown[]) =>
    body(BETA_MULTISTAGE, (b) => {
      b.accessReviewSettings.reviewerType = 'Reviewers';
      b.accessReviewSettings.reviewers = reviewers;
    });
  expectAt(await check(beta([])), 'AP2027', '|"reviewers": []', { severity: 'error' });
  expectNone(await check(beta([BETA_USER])), 'AP2027');
  const v1 = await check(
    body(V1_MULTISTAGE, (b) => {
      b.reviewSettings.primaryReviewers = [];
    }),
  );
  expectAt(v1, 'AP2027', '|"primaryReviewers": []', { severity: 'warning' });
  expectNone(await check(body(V1_MULTISTAGE)), 'AP2027');
});

test('AP2028: beta review enabled without recurrenceType or durationInDays is a warning on isEnabled', async () => {
  const bad = await check(
    body(BETA_MULTISTAGE, (b) => {
      delete b.accessReviewSettings.recurrenceType;
    }),
  );
  expectAt(bad, 'AP2028', '"accessReviewSettings": {\n    "isEnabled": |true', { severity: 'warning' });
  expectNone(await check(body(BETA_MULTISTAGE)), 'AP2028');
});

test('AP2029: manager reviews without fallback reviewers is a warning', async () => {
  const beta = (reviewers: unknown[]) =>
    body(BETA_MULTISTAGE, (b) => {
      b.accessReviewSettings.reviewerType = 'Manager';
      b.accessReviewSettings.reviewers = reviewers;
    });
  expectAt(await check(beta([])), 'AP2029', '"reviewerType": |"Manager"', { severity: 'warning' });
  expectNone(await check(beta([{ ...BETA_USER, isBackup: true }])), 'AP2029');
  const v1 = (fallback: unknown[]) =>
    body(V1_MULTISTAGE, (b) => {
      b.reviewSettings.primaryReviewers = [{ '@odata.type': G('requestorManager'), managerLevel: 1 }];
      b.reviewSettings.fallbackReviewers = fallback;
    });
  expectAt(await check(v1([])), 'AP2029', '"@odata.type": |"#microsoft.graph.requestorManager"');
  expectNone(await check(v1([V1_USER])), 'AP2029');
});

test('AP2030/AP2031: v1 review recurrence supports only weekly/absoluteMonthly with interval ≥ 1', async () => {
  const pattern = (type: string, interval: number) =>
    body(V1_MULTISTAGE, (b) => {
      Object.assign(b.reviewSettings.schedule.recurrence.pattern, { type, interval });
    });
  expectAt(await check(pattern('daily', 1)), 'AP2030', '"type": |"daily"', { severity: 'error' });
  expectAt(await check(pattern('weekly', 0)), 'AP2031', '"interval": |0', { severity: 'error' });
  const good = await check(pattern('weekly', 1));
  expectNone(good, 'AP2030');
  expectNone(good, 'AP2031');
});
