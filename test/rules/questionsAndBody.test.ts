// Questions (R20), create-body requirements and read-only properties, custom extensions (R21).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BETA_DIRECT, BETA_QUESTIONS, V1_DIRECT, body, check, expectAt, expectNone } from './support';

const GUID = '7deff43e-1f17-44ef-9e5f-d516b0ba11d4';
const GUID2 = '46184453-e63b-4f20-86c2-c557ed5d5df9';
const MC = '#microsoft.graph.accessPackageMultipleChoiceQuestion';
const TEXT = '#microsoft.graph.accessPackageTextInputQuestion';

const v1Questions = (edit: (qs: Record<string, any>[]) => void = () => {}) =>
  body(V1_DIRECT, (b) => {
    b.questions = [
      {
        '@odata.type': MC,
        sequence: 1,
        isRequired: true,
        text: 'Which region?',
        localizations: [{ languageCode: 'fr-CA', text: 'Quelle région?' }],
        choices: [{ actualValue: 'EU', text: 'Europe', localizations: [] }],
        isMultipleSelectionAllowed: false,
      },
      { '@odata.type': TEXT, sequence: 2, isRequired: false, text: 'Why do you need access?', isSingleLineQuestion: false },
    ];
    edit(b.questions);
  });

test('clean question bodies raise no question rule (v1 built here, beta from the docs example)', async () => {
  for (const c of [await check(v1Questions()), await check(body(BETA_QUESTIONS))]) {
    for (const code of ['AP2032', 'AP2033', 'AP2034', 'AP2035', 'AP2036', 'AP2037']) expectNone(c, code);
  }
});

test('AP2032: a question with blank text is an error (v1 text, beta text.defaultText)', async () => {
  expectAt(
    await check(
      v1Questions((qs) => {
        qs[1].text = '  ';
      }),
    ),
    'AP2032',
    '"text": |"  "',
    { severity: 'error' },
  );
  expectAt(
    await check(
      body(BETA_QUESTIONS, (b) => {
        b.questions[0].text.defaultText = '';
      }),
    ),
    'AP2032',
    '"defaultText": |""',
  );
  expectAt(
    await check(
      body(BETA_QUESTIONS, (b) => {
        delete b.questions[1].text.defaultText;
      }),
    ),
    'AP2032',
    '|"text": {',
    { nth: 1 },
  );
});

test('AP2033: a translation with a blank languageCode or text is an error', async () => {
  expectAt(
    await check(
      v1Questions((qs) => {
        qs[0].localizations[0].languageCode = '';
      }),
    ),
    'AP2033',
    '"languageCode": |""',
    { severity: 'error' },
  );
  expectAt(
    await check(
      body(BETA_QUESTIONS, (b) => {
        b.questions[1].text.localizedTexts[0].text = null;
      }),
    ),
    'AP2033',
    '"text": |null',
  );
});

test('AP2034: a choice without a value or display text is an error', async () => {
  expectAt(
    await check(
      v1Questions((qs) => {
        qs[0].choices[0].text = '';
      }),
    ),
    'AP2034',
    '"text": |""',
    { severity: 'error' },
  );
  expectAt(
    await check(
      v1Questions((qs) => {
        qs[0].choices[0].actualValue = null;
      }),
    ),
    'AP2034',
    '"actualValue": |null',
  );
  expectAt(
    await check(
      body(BETA_QUESTIONS, (b) => {
        b.questions[0].choices[1].displayValue = { localizedTexts: [] };
      }),
    ),
    'AP2034',
    '"actualValue": "CA",\n          "displayValue": |{',
  );
});

test('AP2035: two questions with the same sequence is a warning on the second', async () => {
  expectAt(
    await check(
      v1Questions((qs) => {
        qs[1].sequence = 1;
      }),
    ),
    'AP2035',
    '"sequence": |1',
    { nth: 1, severity: 'warning' },
  );
});

test('AP2036: a multiple-choice question with no choices is a warning', async () => {
  expectAt(
    await check(
      v1Questions((qs) => {
        qs[0].choices = [];
      }),
    ),
    'AP2036',
    '|"choices": []',
    { severity: 'warning' },
  );
});

test('AP2037: the same language twice in one list is a warning', async () => {
  const c = await check(
    v1Questions((qs) => {
      qs[0].localizations.push({ languageCode: 'FR-ca', text: 'Région?' });
    }),
  );
  expectAt(c, 'AP2037', '"languageCode": |"FR-ca"', { severity: 'warning' });
});

test('AP2040: the access package reference is required (v1 accessPackage.id, beta accessPackageId)', async () => {
  const v1 = await check(
    body(V1_DIRECT, (b) => {
      delete b.accessPackage;
    }),
  );
  expectAt(v1, 'AP2040', '|{', { severity: 'error' });
  expectAt(
    await check(
      body(V1_DIRECT, (b) => {
        b.accessPackage = {};
      }),
    ),
    'AP2040',
    '|"accessPackage": {}',
  );
  expectAt(
    await check(
      body(BETA_DIRECT, (b) => {
        delete b.accessPackageId;
      }),
    ),
    'AP2040',
    '|{',
  );
  expectNone(await check(body(V1_DIRECT)), 'AP2040');
  expectNone(await check(body(BETA_DIRECT)), 'AP2040');
});

test('AP2041: a missing or blank displayName is a warning marked inferred', async () => {
  const d = expectAt(
    await check(
      body(V1_DIRECT, (b) => {
        delete b.displayName;
      }),
    ),
    'AP2041',
    '|{',
    { severity: 'warning' },
  );
  assert.match(d.message, /inferred/i);
  expectAt(
    await check(
      body(BETA_DIRECT, (b) => {
        b.displayName = '';
      }),
    ),
    'AP2041',
    '"displayName": |""',
  );
  expectNone(await check(body(V1_DIRECT)), 'AP2041');
});

test('AP2042: read-only properties are reported on the key (information when the service writes them, a warning for access package properties); the policy id is not reported', async () => {
  const v1 = await check(
    body(V1_DIRECT, (b) => {
      b.id = GUID2;
      b.createdDateTime = '2024-01-01T00:00:00Z';
      b.accessPackage.displayName = 'Sales';
      b.questions = [{ '@odata.type': TEXT, id: GUID, text: 'Why?' }];
      b.specificAllowedTargets = [{ '@odata.type': '#microsoft.graph.singleUser', userId: GUID, description: 'Alex' }];
      b.allowedTargetScope = 'specificDirectoryUsers';
    }),
  );
  expectAt(v1, 'AP2042', '|"createdDateTime"', { severity: 'information' });
  expectAt(v1, 'AP2042', '|"displayName": "Sales"', { severity: 'warning' });
  expectAt(v1, 'AP2042', `|"id": "${GUID}"`, { severity: 'information' });
  expectAt(v1, 'AP2042', '|"description": "Alex"', { severity: 'information' });
  assert.equal(v1.diagnostics.filter((d) => d.code === 'AP2042').length, 4, 'the policy id itself is not flagged');
  expectAt(
    await check(
      body(BETA_DIRECT, (b) => {
        b.createdBy = 'someone';
      }),
    ),
    'AP2042',
    '|"createdBy"',
  );
  expectNone(
    await check(
      body(V1_DIRECT, (b) => {
        b.id = GUID2;
      }),
    ),
    'AP2042',
  );
  // An attribute rule's description is the author's own text, not a read-only display name.
  const rule = {
    '@odata.type': '#microsoft.graph.attributeRuleMembers',
    membershipRule: '(user.department -eq "Sales")',
    description: 'Sales staff',
  };
  expectNone(
    await check(
      body(V1_DIRECT, (b) => {
        b.allowedTargetScope = 'specificDirectoryUsers';
        b.specificAllowedTargets = [rule];
      }),
    ),
    'AP2042',
  );
});

test('AP2045–AP2047: custom extension stage settings', async () => {
  const ext = (settings: unknown[]) =>
    body(V1_DIRECT, (b) => {
      b.customExtensionStageSettings = settings;
    });
  const ok = { stage: 'assignmentRequestGranted', customExtension: { id: GUID } };
  const good = await check(ext([ok, { stage: 'assignmentRequestCreated', customExtension: { id: GUID } }]));
  for (const code of ['AP2045', 'AP2047']) expectNone(good, code);
  expectAt(await check(ext([{ stage: 'assignmentRequestGranted', customExtension: {} }])), 'AP2045', '|"customExtension": {}', {
    severity: 'error',
  });
  expectAt(await check(ext([{ customExtension: { id: GUID } }])), 'AP2045', '"customExtensionStageSettings": [\n    |{');
  expectAt(await check(ext([ok, ok])), 'AP2047', '"stage": |"assignmentRequestGranted"', { nth: 1, severity: 'warning' });
  const handlers = (list: unknown[]) =>
    body(BETA_DIRECT, (b) => {
      b.customExtensionHandlers = list;
    });
  expectAt(
    await check(handlers([{ stage: 'assignmentRequestGranted', customExtension: { id: GUID } }])),
    'AP2046',
    '|"customExtensionHandlers"',
    { severity: 'warning' },
  );
  expectNone(await check(handlers([])), 'AP2046');
});
