// Beta counts days and minutes in integers; v1.0 writes ISO 8601 durations. Whole days are
// written as days (P8D rather than PT11520M) because that is how people and the docs read them.

const MINUTES_PER_DAY = 24 * 60;

export function daysToDuration(days: number): string {
  return `P${days}D`;
}

export function minutesToDuration(minutes: number): string {
  if (minutes === 0) return 'PT0S';
  if (minutes % MINUTES_PER_DAY === 0) return `P${minutes / MINUTES_PER_DAY}D`;
  return `PT${minutes}M`;
}

/** A non-negative whole number, as beta's Int32 day and minute counts must be to convert. */
export function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}
