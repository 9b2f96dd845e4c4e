// The floor of the whole-process benchmark: a Node process that only reads each file and
// JSON.parses it, then prints how many it read. No contender can do less and still look at the files.
import { readFileSync } from 'node:fs';
import { policyFiles } from './policyFiles.mjs';

let parsed = 0;
for (const file of policyFiles(process.argv.slice(2))) {
  JSON.parse(readFileSync(file, 'utf8'));
  parsed++;
}
process.stdout.write(`${parsed}\n`);
