// The file arguments of the benchmark's contender scripts, expanded the way the CLI expands them:
// folders are walked (sorted) for *.accesspolicy.json, files are taken as given.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const byName = new Intl.Collator();

export function policyFiles(args) {
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => byName.compare(a.name, b.name))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.accesspolicy.json')) files.push(full);
    }
  };
  for (const arg of args) {
    if (statSync(arg).isDirectory()) walk(arg);
    else files.push(arg);
  }
  return files;
}
