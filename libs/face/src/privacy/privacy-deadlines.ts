/**
 * Decree 356/2025/ND-CP (as summarised in published commentary; article numbers to verify against the official
 * text): the controller answers a data subject's request within 2 working days and carries it out within 15 days.
 */
export const RESPONSE_WORKING_DAYS = 2;
export const COMPLETION_DAYS = 15;

/** `days` working days after `from` (Saturday and Sunday skipped; public holidays are not known here). */
export function addWorkingDays(from: Date, days: number): Date {
  const d = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d;
}

export function requestDeadlines(requestedAt: Date): { responseDueAt: Date; dueAt: Date } {
  return { responseDueAt: addWorkingDays(requestedAt, RESPONSE_WORKING_DAYS), dueAt: new Date(requestedAt.getTime() + COMPLETION_DAYS * 86_400_000) };
}
