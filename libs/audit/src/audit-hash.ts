import { createHash } from 'node:crypto';

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Version of the hashed layout, part of the hash input so a future layout can coexist with old rows. */
export const AUDIT_HASH_VERSION = 1;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The fields the hash covers, as stored. */
export interface HashedAuditFields {
  seq: string;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  meetingId: string | null;
  payload: Record<string, unknown>;
  prevHash: string;
}

/**
 * JSON with object keys sorted (by UTF-16 code units, like Array.prototype.sort), no whitespace, arrays in order.
 * Only JSON values are accepted: undefined, functions, symbols, bigint, NaN and Infinity throw, because jsonb
 * could not give them back unchanged and the hash would no longer verify.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof CanonicalText) return value.text;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new TypeError('canonicalJson: only plain objects (convert Dates and classes to JSON first)');
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not a JSON value`);
  }
}

/** JSON text already in canonical form (made by canonicalJson), which canonicalJson emits as it is. */
class CanonicalText {
  constructor(readonly text: string) {}
}

/** Turns anything JSON.stringify accepts (Dates, class instances with toJSON) into plain JSON values. */
export function toPlainJson(value: Record<string, unknown>): Record<string, JsonValue> {
  return JSON.parse(JSON.stringify(value)) as Record<string, JsonValue>;
}

/**
 * The exact bytes hashed: canonical JSON of the versioned field set. payloadJson: canonicalJson(e.payload) when
 * the caller has it already (the writer makes it once per entry for the size check and the insert).
 */
export function auditHashInput(e: HashedAuditFields, payloadJson?: string): string {
  return canonicalJson({
    v: AUDIT_HASH_VERSION,
    seq: e.seq,
    at: e.at.toISOString(),
    actor: { id: e.actorId, role: e.actorRole },
    action: e.action,
    entity: { type: e.entityType, id: e.entityId },
    meetingId: e.meetingId,
    payload: payloadJson === undefined ? e.payload : new CanonicalText(payloadJson),
    prevHash: e.prevHash,
  });
}

export function auditHash(e: HashedAuditFields, payloadJson?: string): string {
  return createHash('sha256').update(auditHashInput(e, payloadJson), 'utf8').digest('hex');
}
