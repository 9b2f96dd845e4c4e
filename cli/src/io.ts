// What a CLI command may touch of the process: injected so commands run the same in tests.
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  /** Epoch ms the process started: a command's time limit counts from there, start-up included. */
  startedAt?: number;
}

/** Exit codes shared by every subcommand. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
