import { FramelabError } from '../errors';

/** Lengths of time a series can be cut into. */
export const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

const ISO = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Reads a date as documents carry it: `2019-06-26`, `2019-06-26 14:00:00`, `2019-06-26T14:00:00Z`,
 * `2019-06`, `2019` (ISO 8601 and its common shapes), or `26.06.2019` (the Russian order), with or
 * without a time. The calendar day is the one written: a time zone, when given, is not applied.
 * Returns the UTC midnight of that day, or null when the value is not such a date.
 *
 * @example
 * parseDate('2019-06-26 14:00:00')?.toISOString() // '2019-06-26T00:00:00.000Z'
 * parseDate('26.06.2019')?.toISOString()          // '2019-06-26T00:00:00.000Z'
 * parseDate('вчера')                               // null
 */
export function parseDate(value: unknown): Date | null {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1000 && value <= 9999) value = String(value);
  if (typeof value !== 'string') return null;
  const v = value.trim();
  let y: number;
  let m = 1;
  let d = 1;
  const iso = ISO.exec(v);
  const dotted = iso ? null : DOTTED.exec(v);
  if (iso) {
    y = Number(iso[1]);
    if (iso[2] !== undefined) m = Number(iso[2]);
    if (iso[3] !== undefined) d = Number(iso[3]);
    if (iso[4] !== undefined && (Number(iso[4]) > 23 || Number(iso[5]) > 59 || Number(iso[6] ?? 0) > 60)) return null;
  } else if (dotted) {
    d = Number(dotted[1]);
    m = Number(dotted[2]);
    y = Number(dotted[3]);
  } else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  // refuse days that roll over (2019-02-30)
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date;
}

/**
 * The start of the period holding a date (weeks start on Monday, ISO 8601).
 *
 * @example
 * periodStart(new Date(Date.UTC(2019, 5, 26)), 'month').toISOString() // '2019-06-01T00:00:00.000Z'
 * periodStart(new Date(Date.UTC(2019, 5, 26)), 'week').toISOString()  // '2019-06-24T00:00:00.000Z' (a Monday)
 */
export function periodStart(date: Date, every: Period): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  switch (every) {
    case 'day':
      return new Date(Date.UTC(y, m, date.getUTCDate()));
    case 'week': {
      const day = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
      return new Date(Date.UTC(y, m, date.getUTCDate() - day));
    }
    case 'month':
      return new Date(Date.UTC(y, m, 1));
    case 'quarter':
      return new Date(Date.UTC(y, m - (m % 3), 1));
    case 'year':
      return new Date(Date.UTC(y, 0, 1));
  }
}

/** The start of the period after the one starting at `start`. */
export function nextPeriod(start: Date, every: Period): Date {
  const y = start.getUTCFullYear();
  const m = start.getUTCMonth();
  const d = start.getUTCDate();
  switch (every) {
    case 'day':
      return new Date(Date.UTC(y, m, d + 1));
    case 'week':
      return new Date(Date.UTC(y, m, d + 7));
    case 'month':
      return new Date(Date.UTC(y, m + 1, 1));
    case 'quarter':
      return new Date(Date.UTC(y, m + 3, 1));
    case 'year':
      return new Date(Date.UTC(y + 1, 0, 1));
  }
}

/**
 * The name of a period: `2019-06-26` (day; for a week, its Monday), `2019-06`, `2019-Q2`, `2019`.
 *
 * @example
 * periodLabel(new Date(Date.UTC(2019, 5, 26)), 'quarter') // '2019-Q2'
 */
export function periodLabel(start: Date, every: Period): string {
  const iso = start.toISOString().slice(0, 10);
  switch (every) {
    case 'day':
    case 'week':
      return iso;
    case 'month':
      return iso.slice(0, 7);
    case 'quarter':
      return `${iso.slice(0, 4)}-Q${Math.floor(start.getUTCMonth() / 3) + 1}`;
    case 'year':
      return iso.slice(0, 4);
  }
}

/**
 * Every period from the one holding `first` to the one holding `last`, in order (empty periods included).
 *
 * @example
 * periodsBetween(new Date(Date.UTC(2019, 0, 15)), new Date(Date.UTC(2019, 2, 1)), 'month').map((d) => periodLabel(d, 'month'))
 * // ['2019-01', '2019-02', '2019-03']
 */
export function periodsBetween(first: Date, last: Date, every: Period, limit = 100_000): Date[] {
  const out: Date[] = [];
  const end = periodStart(last, every).getTime();
  for (let p = periodStart(first, every); p.getTime() <= end; p = nextPeriod(p, every)) {
    out.push(p);
    if (out.length > limit) {
      throw new FramelabError(`the dates run over more than ${limit} ${every}s (${periodLabel(periodStart(first, every), every)} … ${periodLabel(periodStart(last, every), every)}); choose a longer period with --every`);
    }
  }
  return out;
}
