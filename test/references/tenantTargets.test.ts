// What the editor looks up in the tenant: every GUID in a slot that takes an object id, at its exact
// place in the file. A few are placed by reading the text, many (a large policy) from the syntax
// tree: both ways put every id under its own string, and ids outside id slots are not targets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParsedPolicy, tenantTargets } from '../../core/src';

function guid(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

/** A v1.0 policy whose first approval stage has `count` group approvers, and a GUID where no object id goes. */
function policyWithApprovers(count: number, pad = ''): string {
  const approvers = Array.from({ length: count }, (_, i) => ({ '@odata.type': '#microsoft.graph.groupMembers', groupId: guid(i) }));
  return JSON.stringify(
    {
      displayName: 'Approvers',
      description: pad || 'no object id here: ' + guid(99999),
      allowedTargetScope: 'allMemberUsers',
      accessPackage: { id: guid(100000) },
      requestApprovalSettings: {
        isApprovalRequiredForAdd: true,
        isApprovalRequiredForUpdate: false,
        stages: [
          {
            durationBeforeAutomaticDenial: 'P14D',
            isApproverJustificationRequired: false,
            isEscalationEnabled: false,
            durationBeforeEscalation: 'PT0S',
            primaryApprovers: approvers,
            fallbackPrimaryApprovers: [],
            escalationApprovers: [],
            fallbackEscalationApprovers: [],
          },
        ],
      },
    },
    null,
    2,
  );
}

for (const [label, count, pad] of [
  ['a few ids (placed by reading the text)', 5, ''],
  ['many ids (placed from the syntax tree)', 300, ''],
  ['a large document (the tree at once)', 80, 'x'.repeat(70 * 1024)],
] as const) {
  test(`${label}: each group id is a target at its own string`, () => {
    const text = policyWithApprovers(count, pad);
    const parsed = new ParsedPolicy(text);
    const groups = tenantTargets(parsed, parsed.value, 'v1.0').filter((t) => t.form === 'id' && t.kinds.includes('group'));
    assert.equal(groups.length, count);
    groups.forEach((t, i) => {
      assert.equal(t.form === 'id' && t.id, guid(i));
      assert.equal(text.slice(t.offset, t.offset + t.length), JSON.stringify(guid(i)));
      assert.deepEqual(t.path, ['requestApprovalSettings', 'stages', 0, 'primaryApprovers', i, 'groupId']);
    });
    assert.ok(
      !tenantTargets(parsed, parsed.value, 'v1.0').some((t) => t.path[0] === 'description'),
      'a GUID in a description is no target',
    );
  });
}
