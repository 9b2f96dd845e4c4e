// The whole-command time limit (`--timeout`). Graph calls get the deadline itself (the client
// stops retrying and cuts the attempt in flight, with a message naming the call); this is the
// backstop for everything else a run can wait on, such as a sign-in endpoint that never answers.
// deploy, pull, plan and apply take the flag with the same meaning and the same messages.
import { explainGraphError, GraphError } from '../../deploy/src';
import { errorMessage } from '../../core/src';
import { UsageError } from './args';

/** A failure as pull and plan report it: Graph's deadline in deploy's words, anything else as thrown. */
export function failureText(e: unknown): string {
  if (e instanceof GraphError && e.kind === 'deadline') return explainGraphError(e, { operation: 'read' }).summary;
  return errorMessage(e);
}

/** The `--timeout SECONDS` flag's value, `defaultS` when absent; a UsageError when it is not 1 to 86400 seconds. */
export function readTimeout(value: unknown, defaultS: number): number {
  if (value === undefined) return defaultS;
  const text = String(value);
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(seconds > 0) || seconds > 86_400) {
    throw new UsageError(`--timeout takes a number of seconds between 1 and 86400, not "${text}".`);
  }
  return seconds;
}

export class TimeLimitReached extends Error {
  constructor(
    readonly seconds: number,
    doing: string,
  ) {
    super(`The time limit of ${seconds} s (--timeout) ran out while ${doing}.`);
    this.name = 'TimeLimitReached';
  }
}

export class TimeLimit {
  private end: number;
  private timer?: NodeJS.Timeout;

  constructor(
    readonly seconds: number,
    startedAt = Date.now(),
  ) {
    this.end = startedAt + seconds * 1000;
  }

  /** Epoch ms by which the command must have ended (later by the time spent in `excluding`). */
  get endsAt(): number {
    return this.end;
  }

  /**
   * `wait` (a question to the user), with the time it takes added to the limit: the limit bounds
   * what the command waits on, not how long a person reads a plan before answering.
   */
  async excluding<T>(wait: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      return await wait();
    } finally {
      this.end += Date.now() - started;
    }
  }

  /**
   * The deadline for Graph calls: a little before the end, so the Graph client's own, more
   * precise message comes before the backstop's, and both before the end.
   */
  get graphDeadline(): number {
    return this.endsAt - Math.min(600, this.seconds * 150);
  }

  /** When the backstop gives up on whatever else is pending; the process exits right after. */
  private get backstopAt(): number {
    return this.endsAt - Math.min(300, this.seconds * 80);
  }

  /** True once Graph calls can no longer start. */
  get reached(): boolean {
    return Date.now() >= this.graphDeadline;
  }

  /** Why a file (or policy) was not started: the limit had run out before its turn. */
  get notTried(): string {
    return `not tried: the time limit of ${this.seconds} s (--timeout) had run out.`;
  }

  /** `work`, or a TimeLimitReached when the limit comes first (the work is then abandoned). */
  race<T>(work: Promise<T>, doing: () => string): Promise<T> {
    work.catch(() => undefined); // an abandoned run's late failure is not an unhandled rejection
    const left = this.backstopAt - Date.now();
    if (left <= 0) return Promise.reject(new TimeLimitReached(this.seconds, doing()));
    return new Promise<T>((resolve, reject) => {
      this.timer = setTimeout(() => reject(new TimeLimitReached(this.seconds, doing())), left);
      work.then(resolve, reject).finally(() => clearTimeout(this.timer));
    });
  }
}
