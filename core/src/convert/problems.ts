// What a conversion has to say besides its output: reasons it refuses (no v1.0 counterpart) and
// notes on choices it made that a reviewer should check (dropped read-only fields, inferred maps).

export class Problems {
  readonly reasons: string[] = [];
  readonly notes: string[] = [];

  refuse(reason: string): void {
    if (!this.reasons.includes(reason)) this.reasons.push(reason);
  }

  note(note: string): void {
    if (!this.notes.includes(note)) this.notes.push(note);
  }
}
