// The peer of the whole-process benchmark: a Node script running vscode-json-languageservice's
// doValidation (the JSON language service inside VS Code) with our two policy schemas, over the same
// files as the CLI, printing a JSON report like `accesspolicy validate --format json`. A file picks its
// schema with `$schema` (the service reads it); a file without one is checked against v1.0.
// It checks the schema only; our CLI also runs every service rule.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getLanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { policyFiles } from './policyFiles.mjs';

const root = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
const schema = (name) => JSON.parse(readFileSync(path.join(root, 'schemas', name), 'utf8'));
const v1 = schema('accesspolicy-v1.0.schema.json');
const beta = schema('accesspolicy-beta.schema.json');

const service = getLanguageService({});
service.configure({
  validate: true,
  allowComments: true,
  schemas: [
    { uri: v1.$id, fileMatch: ['*.accesspolicy.json'], schema: v1 },
    { uri: beta.$id, schema: beta },
  ],
});

const reports = [];
for (const file of policyFiles(process.argv.slice(2))) {
  const doc = TextDocument.create(pathToFileURL(path.resolve(file)).href, 'json', 1, readFileSync(file, 'utf8'));
  const diagnostics = await service.doValidation(doc, service.parseJSONDocument(doc), { comments: 'ignore', trailingCommas: 'error' });
  reports.push({ file, diagnostics: diagnostics.map((d) => ({ severity: d.severity, message: d.message, range: d.range })) });
}
process.stdout.write(JSON.stringify(reports, null, 2) + '\n');
