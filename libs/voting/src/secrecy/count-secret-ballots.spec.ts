import { randomBytes, randomUUID } from 'node:crypto';
import { receiptEntries } from './count-secret-ballots.js';

describe('receiptEntries', () => {
  it('splits the receipts of a 1,000-voter poll into audit payloads under the 16,000-character limit, in order, nothing lost', () => {
    const receipts = Array.from({ length: 1000 }, () => randomBytes(8).toString('hex').toUpperCase()).sort();
    const entries = receiptEntries(randomUUID(), randomUUID(), receipts);
    expect(entries.length).toBe(3);
    for (const e of entries) expect(JSON.stringify(e.payload).length).toBeLessThan(16_000);
    expect(entries.flatMap((e) => (e.payload as { receipts: string[] }).receipts)).toEqual(receipts);
    expect(entries.map((e) => [(e.payload as { part: number }).part, (e.payload as { parts: number }).parts])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('writes one entry for a small poll and for a poll without ballots', () => {
    expect(receiptEntries(randomUUID(), randomUUID(), ['0123456789ABCDEF'])).toHaveLength(1);
    expect((receiptEntries(randomUUID(), randomUUID(), [])[0].payload as { receipts: string[] }).receipts).toEqual([]);
  });
});
