import { createHash, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { fromDer, OID, toDer } from './cms.js';

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;
const children = (a: Asn1 | undefined): Asn1[] => (a && Array.isArray(a.value) ? a.value : []);

export class TimestampError extends Error {}

/** RFC 3161 request for the SHA-256 of `data` (the signature value), with a nonce and the TSA's certificate asked for. */
export function timestampRequest(data: Buffer): { der: Buffer; nonce: Buffer } {
  const nonce = randomBytes(8);
  nonce[0] &= 0x7f;
  const hash = createHash('sha256').update(data).digest();
  const req = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(1).getBytes()),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(OID.sha256).getBytes()),
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''),
      ]),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, hash.toString('binary')),
    ]),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, nonce.toString('binary')),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BOOLEAN, false, String.fromCharCode(0xff)),
  ]);
  return { der: toDer(req), nonce };
}

/** The TimeStampToken of a granted RFC 3161 response (status 0 granted or 1 grantedWithMods). */
export function timestampToken(response: Buffer): Buffer {
  const parts = children(fromDer(response));
  const status = children(parts[0])[0];
  const code = status && typeof status.value === 'string' ? Buffer.from(status.value, 'binary').readUIntBE(0, status.value.length || 1) : -1;
  if ((code !== 0 && code !== 1) || !parts[1]) throw new TimestampError(`time-stamping authority refused (status ${code})`);
  return toDer(parts[1]);
}

/** Asks the TSA at `url` for a token over the signature value. */
export async function fetchTimestamp(url: string, signatureValue: Buffer): Promise<Buffer> {
  const { der } = timestampRequest(signatureValue);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: new Uint8Array(der), signal: AbortSignal.timeout(15_000) });
  } catch (err) {
    throw new TimestampError(`time-stamping authority unreachable: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!res.ok) throw new TimestampError(`time-stamping authority answered HTTP ${res.status}`);
  return timestampToken(Buffer.from(await res.arrayBuffer()));
}
