/**
 * What reports that rest on interview dates or durations say about the sources lacking
 * them, so that "8 interviews with a known duration" or an interview order cannot hide
 * the rest.
 */
const fix = (option: string): string => `qcode sources set ID ${option}, or qcode sources import FILE`;

/** Saturation's ordering of undated interviews, in words; `undated` of `total` lack a date. */
export function undatedOrder(undated: number, total: number): string {
  if (undated === 0) return 'Every interview has a date.';
  if (undated === total) return `No interview has a date, so within each wave interviews are in order of source id (set dates with ${fix('--date YYYY-MM-DD')}).`;
  return `${undated} of ${total} interviews have no date: each comes after the dated interviews of its wave, in order of source id (set dates with ${fix('--date YYYY-MM-DD')}).`;
}

/** The sample's note on durations; null when every source has one. */
export function durationNote(withoutDuration: number, total: number): string | null {
  if (withoutDuration === 0) return null;
  return `${withoutDuration} of ${total} interview${total === 1 ? '' : 's'} ${withoutDuration === 1 ? 'has' : 'have'} no known duration and ${withoutDuration === 1 ? 'is' : 'are'} left out of the minutes (set durations with ${fix('--duration MIN')}).`;
}
