// The whole-command time limit (`--timeout`). Graph calls get the deadline itself (the client
// stops retrying and cuts the attempt in flight, with a message naming the call); this is the
// backstop for everything else a run can wait on, such as a sign-in endpoint that never answers.

export class TimeLimitReached extends Error {
  constructor(readonly seconds: number, doing: string) {
    super(`The time limit of ${seconds} s (--timeout) ran out while ${doing}.`);
    this.name = 'TimeLimitReached';
  }
}

export class TimeLimit {
  /** Epoch ms by which the command must have ended. */
  readonly endsAt: number;
  private timer?: NodeJS.Timeout;

  constructor(readonly seconds: number, startedAt = Date.now()) {
    this.endsAt = startedAt + seconds * 1000;
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
