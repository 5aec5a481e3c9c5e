import { auditHash, auditHashInput, canonicalJson, GENESIS_HASH, toPlainJson, type HashedAuditFields } from './audit-hash.js';

const entry = (overrides: Partial<HashedAuditFields> = {}): HashedAuditFields => ({
  seq: '1',
  at: new Date('2026-11-22T08:30:00.123Z'),
  actorId: '8d1c3a52-6f0e-4c1f-9a57-2d7f1b3e9c44',
  actorRole: 'secretary',
  action: 'poll.opened',
  entityType: 'poll',
  entityId: 'f3b9a0de-1c2b-4d5e-8f90-a1b2c3d4e5f6',
  meetingId: '0b6e2f3a-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
  payload: { title: 'Thông qua Kế hoạch đầu tư công năm 2027', rule: 'members>1/2;quorum>=2/3;tie=chair_side' },
  prevHash: GENESIS_HASH,
  ...overrides,
});

describe('canonical JSON', () => {
  it('sorts keys at every depth, keeps array order, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('escapes strings like JSON and keeps Vietnamese text as is', () => {
    expect(canonicalJson({ s: 'Tán thành "có" \n' })).toBe('{"s":"Tán thành \\"có\\" \\n"}');
  });

  it.each<[string, unknown]>([
    ['undefined', { a: undefined }],
    ['NaN', { a: NaN }],
    ['Infinity', [Infinity]],
    ['bigint', { a: 1n }],
    ['function', { a: () => 1 }],
    ['Date (convert first)', { a: new Date(0) }],
    ['a hole in an array', { a: new Array<string>(2) }],
  ])('refuses %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('toPlainJson turns Dates into ISO strings and drops undefined, as jsonb will store them', () => {
    expect(toPlainJson({ at: new Date('2026-01-01T00:00:00Z'), gone: undefined, n: 1 })).toEqual({ at: '2026-01-01T00:00:00.000Z', n: 1 });
  });
});

describe('audit hash', () => {
  it('is sha256 hex over the canonical, versioned field set', () => {
    const e = entry();
    expect(auditHashInput(e)).toBe(
      '{"action":"poll.opened","actor":{"id":"8d1c3a52-6f0e-4c1f-9a57-2d7f1b3e9c44","role":"secretary"},"at":"2026-11-22T08:30:00.123Z",' +
        '"entity":{"id":"f3b9a0de-1c2b-4d5e-8f90-a1b2c3d4e5f6","type":"poll"},"meetingId":"0b6e2f3a-4c5d-4e6f-8a9b-0c1d2e3f4a5b",' +
        '"payload":{"rule":"members>1/2;quorum>=2/3;tie=chair_side","title":"Thông qua Kế hoạch đầu tư công năm 2027"},' +
        `"prevHash":"${GENESIS_HASH}","seq":"1","v":1}`,
    );
    expect(auditHash(e)).toMatch(/^[0-9a-f]{64}$/);
    // pinned: changing the layout breaks every stored chain, so it must be a deliberate, versioned change
    expect(auditHash(e)).toBe('a1410e0fc27063519ae8ddcb59ac26f649b0e3b227c41e4c5a845adc1bb0ff79');
  });

  it.each<[string, Partial<HashedAuditFields>]>([
    ['a full entry', {}],
    ['a system entry (no actor, no meeting)', { actorId: null, actorRole: null, meetingId: null }],
    ['quotes and Vietnamese text', { entityId: 'a "b" \\ c', action: 'ballot.accepted', payload: { choices: ['x', 'y'], note: 'Không tán thành\n' } }],
  ])('writes out the canonical JSON of the versioned field set (%s)', (_name, change) => {
    const e = entry(change);
    const layout = {
      v: 1,
      seq: e.seq,
      at: e.at.toISOString(),
      actor: { id: e.actorId, role: e.actorRole },
      action: e.action,
      entity: { type: e.entityType, id: e.entityId },
      meetingId: e.meetingId,
      payload: e.payload,
      prevHash: e.prevHash,
    };
    expect(auditHashInput(e)).toBe(canonicalJson(layout));
  });

  it('refuses a field that is not a string or null', () => {
    expect(() => auditHashInput(entry({ actorId: undefined as unknown as null }))).toThrow(TypeError);
  });

  it('is the same when the writer hands over the payload it already made canonical', () => {
    const e = entry({ payload: { b: [1, { z: null, y: 'Tán thành' }], a: true } });
    expect(auditHashInput(e, canonicalJson(e.payload))).toBe(auditHashInput(e));
    expect(auditHash(e, canonicalJson(e.payload))).toBe(auditHash(e));
  });

  it('does not depend on payload key order (jsonb reorders keys)', () => {
    expect(auditHash(entry({ payload: { a: 1, b: { c: 2, d: 3 } } }))).toBe(auditHash(entry({ payload: { b: { d: 3, c: 2 }, a: 1 } })));
  });

  it.each<[string, Partial<HashedAuditFields>]>([
    ['seq', { seq: '2' }],
    ['time (1 ms)', { at: new Date('2026-11-22T08:30:00.124Z') }],
    ['actor', { actorId: null }],
    ['role', { actorRole: 'admin' }],
    ['action', { action: 'poll.closed' }],
    ['entity type', { entityType: 'ballot' }],
    ['entity id', { entityId: 'other' }],
    ['meeting', { meetingId: null }],
    ['payload value', { payload: { title: 'Thông qua Kế hoạch đầu tư công năm 2028', rule: 'members>1/2;quorum>=2/3;tie=chair_side' } }],
    ['payload type (1 vs "1")', { payload: { title: 1 } }],
    ['prev hash', { prevHash: 'f'.repeat(64) }],
  ])('changes when the %s changes', (_name, change) => {
    expect(auditHash(entry(change))).not.toBe(auditHash(entry()));
  });

  it('keeps fields apart: moving text between fields changes the hash', () => {
    expect(auditHash(entry({ entityType: 'poll.x', entityId: 'y' }))).not.toBe(auditHash(entry({ entityType: 'poll', entityId: 'x.y' })));
  });
});
