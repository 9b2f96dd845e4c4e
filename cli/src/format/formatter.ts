// The output-format layer of `accesspolicy validate`: the command reads and checks files, a
// formatter turns each file's verdict into its format. One module per format.
import type { ApiVersion, PolicyDiagnostic } from '../../../core/src';

export interface FileVerdict {
  file: string;
  apiVersion: ApiVersion;
  diagnostics: readonly PolicyDiagnostic[];
}

export interface Formatter {
  /** Output for one file, written as soon as the file is checked (streaming formats). */
  file(verdict: FileVerdict): string;
  /** Output after the last file (whole-document formats); `unreadable` lists files not read. */
  end(unreadable: readonly { arg: string; reason: string }[]): string;
}
