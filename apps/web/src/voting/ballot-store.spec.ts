import { describe, expect, it } from '@jest/globals';
import { BallotStore, newBallotId } from './ballot-store.js';

class MemoryStorage {
  readonly map = new Map<string, string>();
  getItem(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.map.set(k, v);
  }
  removeItem(k: string): void {
    this.map.delete(k);
  }
}

describe('BallotStore', () => {
  it('makes v4 UUIDs the server accepts', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newBallotId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('stores the ballot before it is sent and reuses it on every retry until acknowledged', () => {
    const storage = new MemoryStorage();
    const store = new BallotStore('d1', storage);
    const first = store.prepare('p1', ['a']);
    expect(JSON.parse(storage.getItem('dh.ballot.d1.p1')!)).toEqual(first);
    // a reload: a new store on the same storage gives the same ballot back, even if the screen asks other choices
    const again = new BallotStore('d1', storage).prepare('p1', ['b']);
    expect(again).toEqual(first);
    store.acknowledged('p1', 'R-123');
    expect(store.pending('p1')).toBeNull();
    expect(store.receipt('p1')).toBe('R-123');
    expect(store.prepare('p1', ['b']).ballotId).not.toBe(first.ballotId);
  });

  it('keeps voters and polls apart, ignores garbage and works without storage', () => {
    const storage = new MemoryStorage();
    const a = new BallotStore('d1', storage).prepare('p1', ['x']);
    expect(new BallotStore('d2', storage).pending('p1')).toBeNull();
    expect(new BallotStore('d1', storage).pending('p2')).toBeNull();
    storage.setItem('dh.ballot.d1.p3', '{not json');
    expect(new BallotStore('d1', storage).pending('p3')).toBeNull();
    new BallotStore('d1', storage).drop('p1');
    expect(storage.getItem('dh.ballot.d1.p1')).toBeNull();
    const none = new BallotStore('d1', null);
    expect(none.prepare('p1', ['x']).choices).toEqual(['x']);
    expect(none.pending('p1')).toBeNull();
    expect(a.ballotId).toHaveLength(36);
  });
});
