// The formats `accesspolicy validate --format` offers, by name.
import type { Formatter } from './formatter';
import { textFormatter } from './text';
import { jsonFormatter } from './json';
import { sarifFormatter } from './sarif';
import { githubFormatter } from './github';

export const FORMATTERS: Record<string, () => Formatter> = {
  text: textFormatter,
  json: jsonFormatter,
  sarif: () => sarifFormatter(),
  github: githubFormatter,
};

export const FORMAT_NAMES = Object.keys(FORMATTERS);

export type { Formatter, FileVerdict } from './formatter';
