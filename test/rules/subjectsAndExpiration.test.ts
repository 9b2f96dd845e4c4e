// Subject types per collection (slots), manager levels (R6), and expiration (R9–R11).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BETA_DIRECT, BETA_MULTISTAGE, V1_DIRECT, V1_MULTISTAGE, body, check, expectAt, expectCount, expectNone } from './support';
import { slotAt, slotsForType } from '../../core/src/knowledge/slots';

const G = (t: string) => `#microsoft.graph.${t}`;

test('slots: paths of arrays and entries map to slots; beta isBackup entries are fallbacks', async () => {
  assert.equal(slotAt('v1.0', ['requestApprovalSettings', 'stages', 0, 'primaryApprovers', 1])?.slot, 'approver');
  assert.equal(slotAt('v1.0', ['requestApprovalSettings', 'stages', 2, 'fallbackEscalationApprovers'])?.slot, 'fallbackEscalation');
  assert.equal(slotAt('v1.0', ['specificAllowedTargets', 0])?.slot, 'target');
  assert.equal(slotAt('v1.0', ['requestorSettings', 'onBehalfRequestors'])?.slot, 'onBehalf');
  assert.equal(
    slotAt('beta', ['requestApprovalSettings', 'approvalStages', 0, 'primaryApprovers', 0], { isBackup: true })?.slot,
    'fallbackApprover',
  );
  assert.equal(slotAt('beta', ['requestorSettings', 'allowedRequestors', 0])?.slot, 'requestor');
  assert.equal(slotAt('v1.0', ['requestorSettings', 'allowedRequestors', 0]), undefined);
  assert.equal(slotAt('v1.0', ['requestApprovalSettings', 'stages', 0]), undefined);
  assert.deepEqual(slotsForType('v1.0', '#microsoft.graph.targetManager'), ['onBehalf']);
  assert.deepEqual(slotsForType('beta', 'connectedOrganizationMembers'), ['requestor']);
});

test('AP2005: a known type in the wrong collection is one error on its @odata.type, naming the allowed types', async () => {
  const bad = await check(
    body(V1_MULTISTAGE, (b) => {
      b.requestApprovalSettings.stages[0].primaryApprovers.push({ '@odata.type': G('targetManager'), managerLevel: 1 });
      b.allowedTargetScope = 'specificDirectoryUsers';
      b.specificAllowedTargets = [{ '@odata.type': G('requestorManager') }];
    }),
  );
  const d = expectAt(bad, 'AP2005', '"@odata.type": |"#microsoft.graph.targetManager"', { severity: 'error' });
  assert.match(d.message, /singleUser, groupMembers, requestorManager/);
  expectAt(bad, 'AP2005', '"@odata.type": |"#microsoft.graph.requestorManager"');
  expectCount(bad, 'AP2005', 2);
  expectNone(await check(body(V1_MULTISTAGE)), 'AP2005');
});

test('AP2005: beta slots, including backup approvers (isBackup: true) which must be users or groups', async () => {
  const bad = await check(
    body(BETA_MULTISTAGE, (b) => {
      const s = b.requestApprovalSettings.approvalStages[0];
      s.escalationApprovers = [{ '@odata.type': G('targetUserSponsors'), isBackup: false }];
      s.primaryApprovers.push({ '@odata.type': G('requestorManager'), isBackup: true });
    }),
  );
  expectAt(bad, 'AP2005', '"@odata.type": |"#microsoft.graph.targetUserSponsors"');
  expectAt(bad, 'AP2005', '"@odata.type": |"#microsoft.graph.requestorManager"');
  const good = await check(
    body(BETA_MULTISTAGE, (b) => {
      b.requestApprovalSettings.approvalStages[0].primaryApprovers.push({ '@odata.type': G('requestorManager'), isBackup: false });
    }),
  );
  expectNone(good, 'AP2005');
});

test('AP2005 does not repeat the schema: an unknown type is only AP1010', async () => {
  const c = await check(
    body(V1_MULTISTAGE, (b) => {
      b.requestApprovalSettings.stages[0].primaryApprovers[0]['@odata.type'] = G('manager');
    }),
  );
  expectNone(c, 'AP2005');
  expectAt(c, 'AP1010', '"@odata.type": |"#microsoft.graph.manager"');
});

test('AP2007: managerLevel outside 1–2 (requestorManager) or 1–4 (targetManager) is an error on the value', async () => {
  const v1 = (rm: number, tm: number) =>
    body(V1_MULTISTAGE, (b) => {
      b.requestApprovalSettings.stages[0].primaryApprovers = [{ '@odata.type': G('requestorManager'), managerLevel: rm }];
      b.requestorSettings.onBehalfRequestors = [{ '@odata.type': G('targetManager'), managerLevel: tm }];
    });
  const bad = await check(v1(3, 5));
  expectAt(bad, 'AP2007', '"managerLevel": |3', { severity: 'error' });
  expectAt(bad, 'AP2007', '"managerLevel": |5');
  expectNone(await check(v1(2, 4)), 'AP2007');
  const beta = await check(
    body(BETA_MULTISTAGE, (b) => {
      b.requestApprovalSettings.approvalStages[0].primaryApprovers.push({ '@odata.type': G('requestorManager'), managerLevel: 0 });
    }),
  );
  expectAt(beta, 'AP2007', '"managerLevel": |0');
});

test('AP2015: beta durationInDays outside 0–3660 is an error', async () => {
  expectAt(
    await check(
      body(BETA_MULTISTAGE, (b) => {
        b.durationInDays = 4000;
      }),
    ),
    'AP2015',
    '"durationInDays": |4000',
    { severity: 'error' },
  );
  expectAt(
    await check(
      body(BETA_MULTISTAGE, (b) => {
        b.durationInDays = -1;
      }),
    ),
    'AP2015',
    '"durationInDays": |-1',
  );
  expectNone(
    await check(
      body(BETA_MULTISTAGE, (b) => {
        b.durationInDays = 3660;
      }),
    ),
    'AP2015',
  );
});

test('AP2016: beta durationInDays together with expirationDateTime is a warning (inferred)', async () => {
  const d = expectAt(
    await check(
      body(BETA_MULTISTAGE, (b) => {
        b.expirationDateTime = '2030-01-01T00:00:00Z';
      }),
    ),
    'AP2016',
    '"expirationDateTime": |"2030',
    { severity: 'warning' },
  );
  assert.match(d.message, /inferred/i);
  expectNone(
    await check(
      body(BETA_MULTISTAGE, (b) => {
        b.expirationDateTime = '2030-01-01T00:00:00Z';
        b.durationInDays = 0;
      }),
    ),
    'AP2016',
  );
  expectNone(await check(body(BETA_MULTISTAGE)), 'AP2016'); // expirationDateTime: null
});

test('AP2017: v1 expiration.type against duration/endDateTime is an error', async () => {
  const exp = (e: Record<string, unknown>) =>
    body(V1_DIRECT, (b) => {
      b.expiration = e;
    });
  expectAt(await check(exp({ type: 'afterDuration' })), 'AP2017', '"type": |"afterDuration"', { severity: 'error' });
  expectAt(await check(exp({ type: 'afterDuration', duration: null })), 'AP2017', '"duration": |null');
  expectNone(await check(exp({ type: 'afterDuration', duration: 'P30D', endDateTime: null })), 'AP2017');
  expectAt(
    await check(exp({ type: 'afterDateTime', endDateTime: '2999-01-01T00:00:00Z', duration: 'P30D' })),
    'AP2017',
    '|"duration": "P30D"',
  );
  expectAt(await check(exp({ type: 'noExpiration', endDateTime: '2999-01-01T00:00:00Z' })), 'AP2017', '|"endDateTime"');
  expectNone(await check(body(V1_DIRECT)), 'AP2017'); // noExpiration with explicit nulls
  // The review schedule's expiration follows the same rule.
  const review = await check(
    body(V1_MULTISTAGE, (b) => {
      delete b.reviewSettings.schedule.expiration.duration;
    }),
  );
  expectAt(review, 'AP2017', '"type": |"afterDuration"');
});

test('AP2018: v1 expiration endDateTime in the past is a warning', async () => {
  const exp = (end: string) =>
    body(V1_DIRECT, (b) => {
      b.expiration = { type: 'afterDateTime', endDateTime: end };
    });
  expectAt(await check(exp('2020-01-01T00:00:00Z')), 'AP2018', '"endDateTime": |"2020', { severity: 'warning' });
  expectNone(await check(exp('2999-01-01T00:00:00Z')), 'AP2018');
});

test('beta direct-assignment body stays clean of expiration rules', async () => {
  const c = await check(body(BETA_DIRECT));
  for (const code of ['AP2015', 'AP2016']) expectNone(c, code);
});
