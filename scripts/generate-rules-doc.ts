// Writes docs/rules.md from the diagnostic records (core/src/diagnostics/).
// Usage: npm run generate-rules-doc [-- --check]
//   --check   write nothing; exit 1 if the committed docs/rules.md differs from what the records give
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderRulesDoc } from '../core/src/diagnostics/rulesDoc';

const file = path.join(__dirname, '..', 'docs', 'rules.md');
const fresh = renderRulesDoc();
if (process.argv.includes('--check')) {
  const committed = readFileSync(file, 'utf8');
  if (committed !== fresh) {
    console.error('docs/rules.md differs from the diagnostic records: run npm run generate-rules-doc');
    process.exit(1);
  }
  console.log('docs/rules.md is up to date');
} else {
  writeFileSync(file, fresh);
  console.log('wrote docs/rules.md');
}
