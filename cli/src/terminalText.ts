// Text from files (their names, keys quoted in messages) printed one problem per line: a control
// character in it must not start a line of its own, or a file named "a\nx.json:1:1 error …"
// could forge a finding (or hide one) for whatever reads the output.

// C0 controls, DEL, C1 controls and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const escape = (c: string) =>
  c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** A message on one line: control characters written as escapes. */
export function oneLine(text: string): string {
  return text.replace(CONTROL, escape);
}

/**
 * A file name as printed: as is, or, when it holds a control character, quoted as a JSON string
 * (as git quotes such paths), so the name reads back unambiguously.
 */
export function displayPath(file: string): string {
  // JSON.stringify leaves DEL, C1 and U+2028/9 as they are; oneLine escapes those too.
  return oneLine(file) === file ? file : oneLine(JSON.stringify(file));
}
