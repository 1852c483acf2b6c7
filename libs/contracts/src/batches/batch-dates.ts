/** The dates of a batch, as calendar days `YYYY-MM-DD` (null or absent when unknown). */
export interface BatchDates {
  producedAt?: string | null;
  receivedAt?: string | null;
  expiresAt?: string | null;
}

export type BatchDateField = keyof BatchDates;

export interface BatchDateProblem {
  field: BatchDateField;
  message: string;
}

/**
 * What is wrong with a batch's dates, at most one problem per field: it cannot be produced in
 * the future (`today` in the business time zone), nor after it was received or after it expires
 * (the same day is fine). Only problems that involve a date just `given` count (a PATCH is not
 * refused for dates it leaves alone); a conflict is reported on the production date when it was
 * given, else on the other date.
 */
export function batchDateProblems(
  dates: BatchDates,
  today: string,
  given: readonly BatchDateField[] = ['producedAt', 'receivedAt', 'expiresAt'],
): BatchDateProblem[] {
  const { producedAt, receivedAt, expiresAt } = dates;
  if (!producedAt) return [];
  const problems: BatchDateProblem[] = [];
  const add = (field: BatchDateField, message: string) => {
    if (!problems.some((problem) => problem.field === field)) problems.push({ field, message });
  };
  const conflict = (other: 'receivedAt' | 'expiresAt', date: string, what: string) => {
    if (producedAt <= date) return;
    const field = given.includes('producedAt')
      ? 'producedAt'
      : given.includes(other)
        ? other
        : null;
    if (field) add(field, `The production date ${producedAt} is after the ${what} date ${date}`);
  };
  if (given.includes('producedAt') && producedAt > today)
    add('producedAt', `The production date ${producedAt} is in the future`);
  if (receivedAt) conflict('receivedAt', receivedAt, 'receipt');
  if (expiresAt) conflict('expiresAt', expiresAt, 'expiry');
  return problems;
}

/** Expired from its expiry date on (the freshness rule); a batch without one never expires. */
export function isExpired(expiresAt: string | null | undefined, today: string): boolean {
  return !!expiresAt && expiresAt <= today;
}
