// The real-world corpus (test/fixtures/real-world, sources in its README): bodies people actually
// wrote or copied, each with its verdict. A body gets exactly the codes listed, at those severities;
// any other code is a false finding, a missing one a miss. Bodies marked `accepted` are ones the
// service takes as meant: they may draw only the string-scalar warnings (AP1012/AP1013) the issue
// asks for, and information.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { validatePolicy } from '../../core/src/validate';
import type { ApiVersion } from '../../core/src/diagnostic';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'real-world');

interface Verdict {
  version: ApiVersion;
  /** Every code the body must get, with its severity ("AP1012 warning"); nothing else may appear. */
  codes: string[];
  /** The service accepts the body as its author meant it. */
  accepted: boolean;
}

const VERDICTS: Record<string, Verdict> = {
  // Mixed body sent to beta: split shape, v1.0 parts reported as foreign, v1.0 userId in a beta approver.
  'az-rest-runbook-mixed-beta': {
    version: 'beta',
    accepted: false,
    codes: ['AP0002 error', 'AP0005 warning', 'AP1001 error', 'AP2013 information'],
  },
  // beta scopeType names / wrong case in v1.0 allowedTargetScope; no cascade into AP2020.
  'bicep-extension-direct-assignment': { version: 'v1.0', accepted: false, codes: ['AP1003 error'] },
  'bicep-extension-manager-approval': { version: 'v1.0', accepted: false, codes: ['AP1003 error'] },
  'bicep-extension-specific-group': { version: 'v1.0', accepted: false, codes: ['AP1003 error', 'AP2042 information'] },
  // Auto-assignment rule without automaticRequestSettings assigns nobody.
  'blog-builder-auto-policy-without-settings': { version: 'v1.0', accepted: false, codes: ['AP2043 warning'] },
  'blog-builder-initial-policy': { version: 'v1.0', accepted: true, codes: [] },
  // A workflow-extension @odata.type on the custom extension reference is fine.
  'chrfrohn-auto-assign-custom-extension': { version: 'v1.0', accepted: true, codes: [] },
  'chrfrohn-auto-assign': { version: 'v1.0', accepted: true, codes: [] },
  // "true"/"false" strings: warnings only, and no AP2002 (approval is required, as meant).
  'chrfrohn-request-policy-string-booleans': { version: 'v1.0', accepted: true, codes: ['AP1012 warning'] },
  'chrfrohn-request-specific-group': { version: 'v1.0', accepted: true, codes: [] },
  // Escalation on, with an escalation approver, but no durationBeforeEscalation.
  'chrfrohn-template-escalation-review': { version: 'v1.0', accepted: false, codes: ['AP1012 warning', 'AP2038 warning'] },
  // An empty fallback approver {} and a requestorManager as on-behalf requestor are real mistakes.
  'cmdlet-params-script-internal-policy': {
    version: 'v1.0',
    accepted: false,
    codes: ['AP1010 error', 'AP1012 warning', 'AP2005 error', 'AP2042 information'],
  },
  'csv-script-auto-policy-grace-period': { version: 'v1.0', accepted: true, codes: [] },
  'csv-script-manual-policy': { version: 'v1.0', accepted: true, codes: [] },
  // Choices carry an @odata.type naming their own type, without '#': an annotation, not an error.
  'docs-copy-multiple-choice-question': {
    version: 'v1.0',
    accepted: true,
    codes: ['AP1012 warning', 'AP1013 warning', 'AP1014 information'],
  },
  'learn-auto-assignment-policy': { version: 'v1.0', accepted: true, codes: [] },
  'learn-request-policy-direct-assignment': { version: 'v1.0', accepted: true, codes: [] },
  // A fragment from notes: no package, no name, v1.0 groupId in a beta approver, incomplete reviews.
  'notes-fr-policy-fragment-beta': {
    version: 'beta',
    accepted: false,
    codes: ['AP1001 error', 'AP2013 information', 'AP2028 warning', 'AP2029 warning', 'AP2040 error', 'AP2041 warning'],
  },
  // A GET response pasted as a body: annotation and read-only fields are information; the wrong-case
  // "AfterDuration" inside the v1.0 `expiration` is still reported.
  'pasted-get-response-beta': {
    version: 'beta',
    accepted: false,
    codes: ['AP0002 error', 'AP1003 error', 'AP1014 information', 'AP2042 information'],
  },
  'python-script-policy-with-question': { version: 'v1.0', accepted: true, codes: ['AP1012 warning', 'AP1013 warning'] },
  'teams-runbook-external-sponsors-beta': {
    version: 'beta',
    accepted: true,
    codes: ['AP1012 warning', 'AP1013 warning', 'AP2013 information'],
  },
  'teams-runbook-guests-beta': { version: 'beta', accepted: true, codes: ['AP1012 warning', 'AP1013 warning', 'AP2013 information'] },
  'teams-runbook-internal-beta': { version: 'beta', accepted: true, codes: ['AP1012 warning', 'AP1013 warning', 'AP2013 information'] },
  'teams-runbook-partners-beta': { version: 'beta', accepted: true, codes: ['AP1012 warning', 'AP1013 warning', 'AP2013 information'] },
  'terraform-azuread-docs-example-beta': { version: 'beta', accepted: true, codes: [] },
};

const SUFFIX = '.accesspolicy.json';
const files = readdirSync(CORPUS)
  .filter((f) => f.endsWith(SUFFIX))
  .sort();

test('the corpus holds at least 25 bodies, each with a verdict and a source', () => {
  assert.ok(files.length >= 25, `only ${files.length} bodies`);
  assert.deepEqual(files.map((f) => f.slice(0, -SUFFIX.length)).sort(), Object.keys(VERDICTS).sort());
  const readme = readFileSync(path.join(CORPUS, 'README.md'), 'utf8');
  for (const f of files)
    assert.match(readme, new RegExp(`\\| \`${f.replace(/\./g, '\\.')}\` \\|`), `${f} has a row in the provenance table`);
});

for (const f of files) {
  const name = f.slice(0, -SUFFIX.length);
  test(`real-world body ${name}: its verdict`, () => {
    const verdict = VERDICTS[name];
    const result = validatePolicy(readFileSync(path.join(CORPUS, f), 'utf8'));
    assert.deepEqual(result.internalErrors, [], 'no rule may throw');
    assert.equal(result.apiVersion, verdict.version, 'checked as the version it was written for');
    const seen = [...new Set(result.diagnostics.map((d) => `${d.code} ${d.severity}`))].sort();
    assert.deepEqual(
      seen,
      [...verdict.codes].sort(),
      result.diagnostics.map((d) => `${d.code} ${d.path.join('.')}: ${d.message}`).join('\n'),
    );
    if (verdict.accepted) {
      const blocking = result.diagnostics.filter(
        (d) => d.severity === 'error' || (d.severity === 'warning' && d.code !== 'AP1012' && d.code !== 'AP1013'),
      );
      assert.deepEqual(
        blocking.map((d) => d.code),
        [],
        'a body the service accepts as meant draws no error or warning',
      );
    }
  });
}
