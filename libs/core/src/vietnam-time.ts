/** Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975: a fixed offset keeps output independent of ICU data. */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

const pad = (n: number): string => String(n).padStart(2, '0');

/** `08:05 27/11/2026` in Vietnam time; empty for null. */
export function formatVnDateTime(d: Date | string | null): string {
  if (d === null) return '';
  const t = new Date(new Date(d).getTime() + VN_OFFSET_MS);
  return `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())} ${pad(t.getUTCDate())}/${pad(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`;
}

/** `27/11/2026` in Vietnam time; empty for null. */
export function formatVnDate(d: Date | string | null): string {
  if (d === null) return '';
  const t = new Date(new Date(d).getTime() + VN_OFFSET_MS);
  return `${pad(t.getUTCDate())}/${pad(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`;
}

/** `ngày 27 tháng 11 năm 2026`, as minutes and letters write the date. */
export function formatVnLongDate(d: Date | string): string {
  const t = new Date(new Date(d).getTime() + VN_OFFSET_MS);
  return `ngày ${pad(t.getUTCDate())} tháng ${pad(t.getUTCMonth() + 1)} năm ${t.getUTCFullYear()}`;
}
