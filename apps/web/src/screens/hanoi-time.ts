/** Meeting times are Hanoi times (UTC+7, no daylight saving) whatever the device's zone. */
const OFFSET_MS = 7 * 3600_000;

/** An ISO instant as the `datetime-local` value of its Hanoi wall-clock time ('' for none). */
export function toHanoiInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

/** A `datetime-local` value read as Hanoi time, as an ISO instant; null when it is not a time. */
export function fromHanoiInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const d = new Date(`${value.length === 16 ? `${value}:00` : value}+07:00`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
