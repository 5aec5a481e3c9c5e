/** One Vietnamese collation for every list of people (Đ after D, Ngô before Nguyễn). */
const collator = new Intl.Collator('vi', { sensitivity: 'base' });

/**
 * Vietnamese lists sort by given name (the last word), then by the rest from the family name on:
 * "Lê Quang Đức" files under Đức.
 */
export function compareNames(a: string, b: string): number {
  const split = (s: string): [string, string] => {
    const words = s.trim().split(/\s+/);
    return [words[words.length - 1] ?? '', words.slice(0, -1).join(' ')];
  };
  const [ga, fa] = split(a);
  const [gb, fb] = split(b);
  return collator.compare(ga, gb) || collator.compare(fa, fb);
}
