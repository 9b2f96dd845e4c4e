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

/**
 * Writes to stdout or stderr, which a reader may close early (`accesspolicy validate … | head -1`):
 * from then on output is dropped, quietly (no EPIPE stack trace), and the command still ends with
 * its true exit status.
 */
export function closablePipeWriter(stream: NodeJS.WriteStream): (s: string) => void {
  let closed = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
    closed = true;
  });
  return (s) => {
    // A formatter that reports at the end (json, sarif) returns '' per file: no write for those.
    if (s !== '' && !closed && !stream.destroyed) stream.write(s);
  };
}

/** Calls `then` once everything written so far to each stream is flushed (or the stream is gone). */
export function afterFlush(streams: NodeJS.WriteStream[], then: () => void): void {
  let pending = streams.length;
  for (const stream of streams) {
    const done = () => {
      if (--pending === 0) then();
    };
    // A write's callback runs after every earlier write has gone out, or with an error when the
    // stream is closed (its 'error' is handled by closablePipeWriter).
    if (stream.destroyed || !stream.writable) done();
    else stream.write('', done);
  }
}
