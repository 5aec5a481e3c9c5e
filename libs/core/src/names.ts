const collator = new Intl.Collator('vi', { sensitivity: 'base' });

/**
 * The one order of people in lists, PDFs and exports (the web's apps/web/src/i18n/names.ts is the same rule): by given
 * name (the last word), then the rest from the family name on, under the Vietnamese collation (D before Đ, Ngô before
 * Nguyễn). SQL's ORDER BY follows the database's collation, which is not Vietnamese.
 */
export function compareVietnameseNames(a: string, b: string): number {
  const split = (s: string): [string, string] => {
    const words = s.trim().split(/\s+/);
    return [words[words.length - 1] ?? '', words.slice(0, -1).join(' ')];
  };
  const [ga, fa] = split(a);
  const [gb, fb] = split(b);
  return collator.compare(ga, gb) || collator.compare(fa, fb);
}

/** A copy of `rows` in that order, by the name `nameOf` reads. */
export function byVietnameseName<T>(rows: readonly T[], nameOf: (row: T) => string): T[] {
  return [...rows].sort((a, b) => compareVietnameseNames(nameOf(a), nameOf(b)));
}
