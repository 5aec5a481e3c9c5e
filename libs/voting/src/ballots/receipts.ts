import { hash } from 'node:crypto';

// one-shot hash: no Hash object per call (three per cast)
const sha256 = (text: string): string => hash('sha256', text, 'hex');

/** What poll_participation stores for a cast: a hash of the client's ballot id, never the id itself. */
export function participationKey(ballotId: string): string {
  return sha256(`participation:${ballotId.toLowerCase()}`);
}

/**
 * The receipt shown to the voter: 16 hex digits (64 bits) of another hash of the ballot id. The server can
 * recompute it when the same ballot id is retried; without the ballot id, the participation key says nothing
 * about the receipt (two unrelated sha256 outputs).
 */
export function receiptOf(ballotId: string): string {
  return sha256(`receipt:${ballotId.toLowerCase()}`).slice(0, 16).toUpperCase();
}
