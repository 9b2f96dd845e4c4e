// Durations in the units people read: "14 days", "1 day 12 hours", never "P14D" or 11520 minutes.
// v1.0 writes ISO 8601 durations; beta counts whole days and minutes.

const ISO_DURATION =
  /^(-)?P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

export function plural(n: number, unit: string): string {
  return `${formatNumber(n)} ${unit}${n === 1 ? '' : 's'}`;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** "P14D" → "14 days", "PT36H" → "1 day 12 hours", "PT0S" → "no time"; undefined if not ISO 8601. */
export function humanIsoDuration(text: string): string | undefined {
  const m = ISO_DURATION.exec(text.trim());
  if (!m || !/\d/.test(text)) return undefined;
  const n = (i: number) => (m[i] === undefined ? 0 : Number(m[i].replace(',', '.')));
  const [years, months, weeks, days] = [n(2), n(3), n(4), n(5)];
  // The time part is carried upwards (90 minutes → 1 hour 30 minutes) because Graph and tools
  // often write day-length durations in minutes or hours.
  const seconds = n(6) * 3600 + n(7) * 60 + n(8);
  const parts: string[] = [];
  if (years) parts.push(plural(years, 'year'));
  if (months) parts.push(plural(months, 'month'));
  if (weeks) parts.push(plural(weeks, 'week'));
  const time = splitSeconds(seconds, days);
  parts.push(...time);
  const out = parts.length ? parts.join(' ') : 'no time';
  return m[1] ? `minus ${out}` : out;
}

function splitSeconds(total: number, extraDays: number): string[] {
  const parts: string[] = [];
  let rest = total;
  const days = extraDays + (Number.isInteger(rest) ? Math.floor(rest / 86400) : 0);
  if (Number.isInteger(rest)) rest -= Math.floor(rest / 86400) * 86400;
  if (days) parts.push(plural(days, 'day'));
  const units: [number, string][] = [
    [3600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ];
  for (const [size, unit] of units) {
    if (rest >= size || (size === 1 && rest > 0)) {
      const count = size === 1 ? rest : Math.floor(rest / size);
      parts.push(plural(count, unit));
      rest -= count * size;
    }
  }
  return parts;
}

/** A whole number of minutes (beta escalationTimeInMinutes) in days, hours and minutes. */
export function humanMinutes(minutes: number): string {
  if (!Number.isFinite(minutes)) return String(minutes);
  if (minutes === 0) return 'no time';
  const parts = splitSeconds(Math.abs(minutes) * 60, 0);
  return (minutes < 0 ? 'minus ' : '') + parts.join(' ');
}

/** A duration as written in the file (ISO string or a count with its unit), in words. */
export function describeDuration(value: unknown, unit?: 'days' | 'minutes'): string {
  if (typeof value === 'string') {
    const human = humanIsoDuration(value);
    return human ?? `"${value}" (not an ISO 8601 duration)`;
  }
  if (typeof value === 'number' && unit === 'days') return plural(value, 'day');
  if (typeof value === 'number' && unit === 'minutes') return humanMinutes(value);
  return 'not set';
}
