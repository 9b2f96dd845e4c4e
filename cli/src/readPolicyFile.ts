// Reads one policy file for a CLI command: its text as the editor shows it (no byte order mark),
// or why it could not be read.
import { readFileSync } from 'node:fs';
import { errnoText } from './findPolicyFiles';

export function readPolicyFile(file: string): { text: string } | { reason: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { reason: errnoText(err) };
  }
  // A UTF-8 byte order mark is legal in a file but not in JSON; editors hide it, so do we.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}
