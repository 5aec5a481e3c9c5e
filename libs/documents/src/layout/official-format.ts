/** Asia/Ho_Chi_Minh is UTC+7 with no daylight saving. */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** A registered number and its symbol, e.g. 12 and `BB-UBND`. */
export interface DocumentNumberText {
  number: number | null;
  symbol: string;
}

// Decree 30/2020/ND-CP Appendix III, I: abbreviations of administrative document kinds (BB biên bản, BC báo cáo).
export const DOCUMENT_KIND_SYMBOL = { minutes: 'BB', countReport: 'BB', report: 'BC', list: 'DS' } as const;

/** The issuer's abbreviation from its name: "Ủy ban nhân dân ..." -> UBND, "Hội đồng nhân dân ..." -> HĐND. */
export function bodySymbol(bodyName: string): string {
  const n = bodyName.normalize('NFC').toUpperCase();
  if (n.includes('ỦY BAN NHÂN DÂN') || n.includes('UỶ BAN NHÂN DÂN') || n.startsWith('UBND')) return 'UBND';
  if (n.includes('HỘI ĐỒNG NHÂN DÂN') || n.startsWith('HĐND')) return 'HĐND';
  // otherwise the initials of the words before the place name
  const words = n.split(/\s+/).filter(Boolean).slice(0, 4);
  return words.map((w) => [...w][0]).join('');
}

/**
 * Decree 30/2020 Appendix I, Part II, II.3: "Số:" then the number, "/" and the symbol; numbers under 10 get a leading 0.
 * An unregistered document (draft) keeps the space blank, as a paper draft does.
 */
export function formatDocumentNumber(n: DocumentNumberText | null): string {
  if (!n) return 'Số:        /';
  if (n.number === null) return `Số:        /${n.symbol}`;
  return `Số: ${String(n.number).padStart(2, '0')}/${n.symbol}`;
}

/** Appendix I, Part II, II.4: "Hà Nội, ngày 02 tháng 12 năm 2026"; days under 10 and months 1 and 2 take a leading 0. */
export function formatPlaceDate(place: string, date: Date): string {
  const t = new Date(date.getTime() + VN_OFFSET_MS);
  const day = String(t.getUTCDate()).padStart(2, '0');
  const month = t.getUTCMonth() + 1;
  return `${place}, ngày ${day} tháng ${month <= 2 ? `0${month}` : month} năm ${t.getUTCFullYear()}`;
}

/** The calendar year in Vietnam, which numbers restart with (Decree 30/2020, Art. 15: numbered from 01 on 1 January). */
export function vnYear(date: Date): number {
  return new Date(date.getTime() + VN_OFFSET_MS).getUTCFullYear();
}

/** `2026-12-02T10:15:30+07:00`: the time of a digital signature, ISO 8601 in Vietnam time (Appendix I, Part II, II.8). */
export function formatVnSigningTime(d: Date): string {
  const t = new Date(d.getTime() + VN_OFFSET_MS);
  return `${t.toISOString().slice(0, 19)}+07:00`;
}

/** Place for documents whose caller gives none; set once at start-up from DOCUMENT_PLACE. */
const defaults = { place: 'Hà Nội' };

export function setOfficialDefaults(d: { place: string }): void {
  defaults.place = d.place;
}

export function officialDefaults(): { place: string } {
  return { ...defaults };
}
