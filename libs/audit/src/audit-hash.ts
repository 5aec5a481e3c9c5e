import { hash } from 'node:crypto';

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
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object': {
      // loops rather than map/join: it runs for every audit entry of a vote burst (a hole in an array throws)
      let out: string;
      if (Array.isArray(value)) {
        out = '[';
        for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
        return out + ']';
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new TypeError('canonicalJson: only plain objects (convert Dates and classes to JSON first)');
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      out = '{';
      for (let i = 0; i < keys.length; i++) out += (i === 0 ? '' : ',') + JSON.stringify(keys[i]) + ':' + canonicalJson(obj[keys[i]]);
      return out + '}';
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not a JSON value`);
  }
}

/** Turns anything JSON.stringify accepts (Dates, class instances with toJSON) into plain JSON values. */
export function toPlainJson(value: Record<string, unknown>): Record<string, JsonValue> {
  return JSON.parse(JSON.stringify(value)) as Record<string, JsonValue>;
}

/** A string field as canonicalJson writes it (anything else goes through canonicalJson, which refuses undefined). */
const field = (v: string | null): string => (typeof v === 'string' ? JSON.stringify(v) : canonicalJson(v));

/**
 * The exact bytes hashed: canonical JSON of the versioned field set
 * { v, seq, at (ISO), actor: { id, role }, action, entity: { type, id }, meetingId, payload, prevHash }, written out
 * with its keys already in canonical order (a vote burst hashes a thousand entries at once; no per-entry sort).
 * payloadJson: canonicalJson(e.payload) when the caller has it already (the writer makes it once per entry).
 */
export function auditHashInput(e: HashedAuditFields, payloadJson?: string): string {
  return (
    `{"action":${field(e.action)},"actor":{"id":${field(e.actorId)},"role":${field(e.actorRole)}},"at":${field(e.at.toISOString())},` +
    `"entity":{"id":${field(e.entityId)},"type":${field(e.entityType)}},"meetingId":${field(e.meetingId)},` +
    `"payload":${payloadJson ?? canonicalJson(e.payload)},"prevHash":${field(e.prevHash)},"seq":${field(e.seq)},"v":${AUDIT_HASH_VERSION}}`
  );
}

export function auditHash(e: HashedAuditFields, payloadJson?: string): string {
  return hash('sha256', auditHashInput(e, payloadJson), 'hex');
}
