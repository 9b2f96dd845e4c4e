// The validation core on Microsoft's examples and on the mistakes people make with them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePolicy } from '../../core/src/validate';
import type { PolicyDiagnostic } from '../../core/src/diagnostic';
import { BETA_MULTISTAGE, PLACEHOLDER, docsExamples, exampleText, withGuids } from '../support/examples';
import { positionOf } from '../support/positions';

const errorsOf = (ds: PolicyDiagnostic[]) => ds.filter((d) => d.severity === 'error');

const V1 = JSON.stringify(
  {
    displayName: 'Sales',
    description: 'Sales team access',
    allowedTargetScope: 'specificDirectoryUsers',
    specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.groupMembers', groupId: '1623f912-5e86-41c2-af47-39dd67582b66' }],
    expiration: { type: 'afterDuration', duration: 'P365D' },
    requestorSettings: { enableTargetsToSelfAddAccess: true, enableTargetsToSelfRemoveAccess: true },
    requestApprovalSettings: {
      isApprovalRequiredForAdd: true,
      isApprovalRequiredForUpdate: false,
      stages: [
        {
          durationBeforeAutomaticDenial: 'P14D',
          isApproverJustificationRequired: false,
          isEscalationEnabled: false,
          primaryApprovers: [{ '@odata.type': '#microsoft.graph.singleUser', userId: '7deff43e-1f17-44ef-9e5f-d516b0ba11d4' }],
        },
      ],
    },
    accessPackage: { id: 'a2e1ca1e-4e56-47d2-9daa-e2ba8d12a82b' },
  },
  null,
  2,
);

function only(text: string, code: string): PolicyDiagnostic {
  const result = validatePolicy(text);
  const errors = errorsOf(result.diagnostics);
  assert.equal(errors.length, 1, `expected exactly one error, got:\n${errors.map((d) => `${d.code} ${d.message}`).join('\n')}`);
  assert.equal(errors[0].code, code, errors[0].message);
  return errors[0];
}

test('the base v1.0 policy used below is clean', () => {
  assert.deepEqual(errorsOf(validatePolicy(V1).diagnostics), []);
});

for (const ex of docsExamples()) {
  test(`example ${ex.name} validates clean once its placeholders are GUIDs`, () => {
    const result = validatePolicy(withGuids(ex.text));
    assert.equal(result.apiVersion, ex.version);
    assert.deepEqual(
      errorsOf(result.diagnostics).map((d) => `${d.code} ${d.message}`),
      [],
    );
  });
  if (ex.text.includes(PLACEHOLDER)) {
    test(`example ${ex.name} as published gets one clear error on each placeholder`, () => {
      const result = validatePolicy(ex.text);
      const count = ex.text.split(PLACEHOLDER).length - 1;
      const errors = errorsOf(result.diagnostics);
      assert.equal(errors.length, count);
      let from = 0;
      for (const d of errors) {
        assert.equal(d.code, 'AP1005');
        assert.match(d.message, /placeholder "string \(identifier\)".*GUID/);
        const offset = ex.text.indexOf(PLACEHOLDER, from);
        assert.equal(d.offset, offset, 'the range starts at the placeholder value');
        assert.equal(d.length, PLACEHOLDER.length);
        from = offset + 1;
      }
    });
  }
}

test('a wrong enum value is flagged on the value, with the right spelling suggested', () => {
  const text = V1.replace('"specificDirectoryUsers"', '"SpecificDirectoryUsers"');
  const d = only(text, 'AP1003');
  assert.deepEqual(d.range.start, positionOf(text, '"SpecificDirectoryUsers"'));
  assert.equal(d.length, '"SpecificDirectoryUsers"'.length);
  assert.equal(d.data?.suggestion, 'specificDirectoryUsers');
  assert.match(d.message, /allowedTargetScope/);
});

test('a wrong type is flagged on the value and says what is expected', () => {
  const text = V1.replace('"enableTargetsToSelfAddAccess": true', '"enableTargetsToSelfAddAccess": "yes"');
  const d = only(text, 'AP1002');
  assert.deepEqual(d.range.start, positionOf(text, '"yes"'));
  assert.match(d.message, /requestorSettings\.enableTargetsToSelfAddAccess must be true or false/);
});

test('an unknown property is flagged on its key, with a near-miss suggested', () => {
  const text = V1.replace('"description"', '"descripton"');
  const d = only(text, 'AP1001');
  assert.deepEqual(d.range.start, positionOf(text, '"descripton"'));
  assert.equal(d.length, '"descripton"'.length);
  assert.equal(d.data?.suggestion, 'description');
});

test("an approver with the beta version's id field is one error naming the v1.0 field", () => {
  const text = V1.replace('"userId": "7deff43e', '"id": "7deff43e');
  const d = only(text, 'AP1001');
  assert.deepEqual(d.range.start, positionOf(text, '"id": "7deff43e'));
  assert.match(d.message, /userId/);
  assert.deepEqual(d.data?.rename, { from: 'id', to: 'userId' });
});

test("a beta approver with the v1.0 id field is one error naming beta's `id`", () => {
  const beta = exampleText(BETA_MULTISTAGE);
  const text = beta.replace('"id": "00000000-0000-4000-8000-000000000002"', '"groupId": "00000000-0000-4000-8000-000000000002"');
  const d = only(text, 'AP1001');
  assert.deepEqual(d.range.start, positionOf(text, '"groupId"'));
  assert.deepEqual(d.data?.rename, { from: 'groupId', to: 'id' });
});

test('an approver without @odata.type is one error on the approver, listing the allowed types', () => {
  const text = V1.replace('"@odata.type": "#microsoft.graph.singleUser",', '');
  const d = only(text, 'AP1010');
  assert.match(d.message, /#microsoft\.graph\.singleUser/);
  assert.deepEqual(d.path, ['requestApprovalSettings', 'stages', 0, 'primaryApprovers', 0]);
  assert.equal(text[d.offset], '{');
});

test('a mistyped @odata.type is ONE error on its value naming the allowed types', () => {
  const text = V1.replace('"#microsoft.graph.singleUser"', '"#microsoft.graph.singleUsers"');
  const d = only(text, 'AP1010');
  assert.deepEqual(d.range.start, positionOf(text, '"#microsoft.graph.singleUsers"'));
  assert.equal(d.data?.suggestion, '#microsoft.graph.singleUser');
});

test('a syntax error is reported where it is, and comments are allowed', () => {
  const text = '{\n  // who may ask\n  "displayName": "x"\n  "description": "y"\n}';
  const result = validatePolicy(text);
  const syntax = result.diagnostics.filter((d) => d.code === 'AP0001');
  assert.equal(syntax.length, 1);
  assert.equal(syntax[0].range.start.line, 3);
  assert.match(syntax[0].message, /comma/);
  assert.deepEqual(
    validatePolicy('/* a policy */\n' + V1).diagnostics.filter((d) => d.code === 'AP0001'),
    [],
  );
});

test('a bad ISO-8601 duration and a bad date-time are flagged on their values', () => {
  const text = V1.replace('"P14D"', '"14 days"').replace('"P365D"', '"P365D", "endDateTime": "tomorrow"');
  const result = validatePolicy(text);
  const codes = errorsOf(result.diagnostics)
    .map((d) => d.code)
    .filter((c) => c.startsWith('AP1'))
    .sort();
  assert.deepEqual(codes, ['AP1007', 'AP1008']);
});

test('API version: $schema wins, else the shape, else the default setting', () => {
  const bare = '{ "displayName": "x" }';
  assert.equal(validatePolicy(bare).apiVersion, 'v1.0');
  assert.equal(validatePolicy(bare).apiVersionSource, 'default');
  assert.equal(validatePolicy(bare, { defaultApiVersion: 'beta' }).apiVersion, 'beta');
  const beta = '{ "displayName": "x", "accessPackageId": "a2e1ca1e-4e56-47d2-9daa-e2ba8d12a82b", "durationInDays": 30 }';
  assert.equal(validatePolicy(beta).apiVersion, 'beta');
  assert.equal(validatePolicy(beta).apiVersionSource, 'shape');
  const explicit = '{ "$schema": "https://entra-access-policy.dev/schemas/accesspolicy-beta.schema.json", "displayName": "x" }';
  assert.equal(validatePolicy(explicit).apiVersion, 'beta');
  assert.equal(validatePolicy(explicit).apiVersionSource, 'schema');
});

test('a body mixing the two versions names each property of the other version', () => {
  const text = V1.replace('"displayName": "Sales"', '"displayName": "Sales", "durationInDays": 30, "canExtend": true');
  const result = validatePolicy(text);
  assert.equal(result.apiVersion, 'v1.0');
  const mixed = result.diagnostics.filter((d) => d.code === 'AP0002');
  assert.deepEqual(mixed.map((d) => d.path.join('.')).sort(), ['canExtend', 'durationInDays']);
  for (const d of mixed) assert.match(d.message, /beta API shape.*checked as v1\.0/);
  assert.deepEqual(
    result.diagnostics.filter((d) => d.code === 'AP1001'),
    [],
    'not also reported as unknown',
  );
});

test('an empty file and a non-object get one clear error, never a crash', () => {
  assert.equal(validatePolicy('').diagnostics[0].code, 'AP0003');
  assert.equal(validatePolicy('[]').diagnostics[0].code, 'AP0003');
  assert.equal(validatePolicy('42').diagnostics[0].code, 'AP0003');
});

test('a byte order mark before the JSON is accepted, with or without comments', () => {
  assert.deepEqual(errorsOf(validatePolicy('\ufeff' + V1).diagnostics), []);
  assert.deepEqual(errorsOf(validatePolicy('\ufeff// note\n' + V1).diagnostics), []);
});
