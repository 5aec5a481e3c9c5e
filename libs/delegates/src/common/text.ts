/** Text helpers for Vietnamese data: NFC normalisation and accent folding for search and header matching. */

/** NFC, trimmed, inner runs of whitespace collapsed to one space. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Removes diacritics (đ -> d included) and lower-cases: "Nguyễn Thị Thúy Hằng" -> "nguyen thi thuy hang". */
export function foldAccents(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** Number of characters as PostgreSQL's varchar(n) counts them (code points). */
export function charLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/**
 * The `from`/`to` arguments of SQL translate() that fold the same accented letters as foldAccents, so
 * `lower(translate(col, from, to))` compares accent-insensitively on PostgreSQL and PGlite without the unaccent extension.
 */
export const SQL_FOLD_TRANSLATION: { from: string; to: string } = (() => {
  let from = '';
  let to = '';
  const ranges: [number, number][] = [
    [0x00c0, 0x024f],
    [0x1e00, 0x1eff],
  ];
  for (const [start, end] of ranges) {
    for (let cp = start; cp <= end; cp++) {
      const ch = String.fromCodePoint(cp);
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
      if (base !== ch && /^[A-Za-z]$/.test(base)) {
        from += ch;
        to += base;
      }
    }
  }
  return { from, to };
})();

/** Escapes LIKE wildcards so user input matches literally (used with ESCAPE '\'). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
