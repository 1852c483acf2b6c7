/** A calendar day as the URL keeps it: `2026-03-14` (local time). */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function toDay(date: Date | null | undefined): string {
  if (!date || Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function parseDay(day: string | null | undefined): Date | null {
  const match = DAY.exec(day ?? '');
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return toDay(date) === day ? date : null;
}

/** The first instant of a local day, for a `from` filter. */
export function dayStart(day: string | null | undefined): string | undefined {
  return parseDay(day)?.toISOString();
}

/** The first instant of the next local day: a `to` filter that takes in the whole day. */
export function dayEnd(day: string | null | undefined): string | undefined {
  const date = parseDay(day);
  if (!date) return undefined;
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).toISOString();
}
