// Where each diagnostic code is documented: its row in docs/rules.md as published with the
// repository. Derived from the manifest's `repository`, the one place the project's home is named,
// so moving the repository moves every link (the editor's code links, the CLI's JSON and SARIF).
import { repository } from '../../../package.json';

export const RULES_DOC_URL = `${repository.url.replace(/\.git$/, '')}/blob/main/docs/rules.md`;

/** The URL of a code's docs entry (`…/docs/rules.md#ap1003`). */
export function docsHref(code: string): string {
  return `${RULES_DOC_URL}#${code.toLowerCase()}`;
}
