// When each open document is next validated: one timer per document, restarted by every change,
// so a burst of keystrokes is validated once, at its end. Requests (hover, completion, code
// actions, outline, selection ranges, the validate request) wait here for that validation instead
// of validating a document mid-burst themselves: on a 1 MB file each of them used to cost a full
// validation of its own.

export class ValidationSchedule {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly waiters = new Map<string, (() => void)[]>();

  /** Runs `validate` after `delayMs`, replacing any validation already scheduled for `uri`. */
  schedule(uri: string, delayMs: number, validate: () => void): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        try {
          validate();
        } finally {
          this.release(uri);
        }
      }, delayMs),
    );
  }

  /** Drops the scheduled validation (the document closed); whoever waits goes ahead. */
  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.release(uri);
  }

  /** Whether a validation is scheduled for `uri`. */
  pending(uri: string): boolean {
    return this.timers.has(uri);
  }

  /** Resolves when no validation is scheduled for `uri`: at once, or after the scheduled one ran. */
  settled(uri: string): Promise<void> {
    if (!this.timers.has(uri)) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.waiters.get(uri) ?? [];
      list.push(resolve);
      this.waiters.set(uri, list);
    });
  }

  private release(uri: string): void {
    const list = this.waiters.get(uri);
    this.waiters.delete(uri);
    for (const resolve of list ?? []) resolve();
  }
}
