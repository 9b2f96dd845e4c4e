// Recognises a policy file saved as UTF-16 (what Windows PowerShell 5's `>` and `Out-File` write)
// and read as UTF-8, as the CLI reads files and as VS Code opens a file without a byte order mark:
// every other character is U+0000. Such a file would otherwise give hundreds of syntax errors;
// it gets one that says what is wrong. JSON never holds a raw U+0000, so a valid file never matches.

export type Utf16 = 'UTF-16LE' | 'UTF-16BE';

/** How much of the start is looked at: enough to tell, bounded for a huge file. */
const SAMPLE = 1024;

export function misreadUtf16(text: string): Utf16 | undefined {
  // A UTF-16 byte order mark (FF FE or FE FF) is not UTF-8: the decoder makes it two U+FFFD.
  let start = 0;
  while (start < 2 && text.charCodeAt(start) === 0xfffd) start++;
  const sample = Math.min(text.length, start + SAMPLE);
  // Almost every file has no U+0000 at all: one native search says so.
  if (!text.slice(start, sample).includes('\u0000')) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = start; i < sample; i++) {
    if (text.charCodeAt(i) !== 0) continue;
    if ((i - start) % 2 === 0) even++;
    else odd++;
  }
  // ASCII in UTF-16: the zero byte of each character, after it (LE) or before it (BE); the other
  // half are the characters themselves, hardly ever zero (a file of zeros is no UTF-16 text).
  const pairs = (sample - start) / 2;
  if (pairs < 1 || Math.max(even, odd) < pairs / 2 || Math.min(even, odd) > pairs / 10) return undefined;
  return odd > even ? 'UTF-16LE' : 'UTF-16BE';
}
