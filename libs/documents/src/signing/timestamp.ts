import { createHash, randomBytes, verify as nodeVerify, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { buildChain, commonName } from './certificates.js';
import { fromDer, OID, parseCms, toDer } from './cms.js';

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;
const children = (a: Asn1 | undefined): Asn1[] => (a && Array.isArray(a.value) ? a.value : []);
const bytesOf = (a: Asn1 | undefined): Buffer => Buffer.from(a && typeof a.value === 'string' ? a.value : '', 'binary');
const oidOf = (a: Asn1 | undefined): string => (a && typeof a.value === 'string' ? asn1.derToOid(forge.util.createBuffer(a.value)) : '');
const isUniversal = (a: Asn1 | undefined, type: number): boolean => !!a && a.tagClass === asn1.Class.UNIVERSAL && a.type === type;
/** An INTEGER's magnitude without DER sign padding, so two encodings of one value compare equal. */
const intBytes = (b: Buffer): Buffer => {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
};

/** RFC 3161 extendedKeyUsage id-kp-timeStamping. */
const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

export class TimestampError extends Error {}

/** RFC 3161 request for the SHA-256 of `data` (the signature value), with a nonce and the TSA's certificate asked for. */
export function timestampRequest(data: Buffer): { der: Buffer; nonce: Buffer; hash: Buffer } {
  const nonce = randomBytes(8);
  // positive and without a leading zero byte: 0x00 first would be a non-minimal DER INTEGER, which strict parsers (BouncyCastle) refuse
  nonce[0] = (nonce[0] & 0x7f) | 0x40;
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
  return { der: toDer(req), nonce, hash };
}

/** The TimeStampToken of a granted RFC 3161 response (status 0 granted or 1 grantedWithMods). */
export function timestampToken(response: Buffer): Buffer {
  let parts: Asn1[] = [];
  try {
    const top = fromDer(response);
    if (isUniversal(top, asn1.Type.SEQUENCE)) parts = children(top);
  } catch {
    parts = [];
  }
  // an HTML error page or a truncated body answered with 200: the TSA failed, not the signer's key
  if (!isUniversal(parts[0], asn1.Type.SEQUENCE)) throw new TimestampError('time-stamping authority answered something that is not a timestamp response');
  const status = children(parts[0])[0];
  const raw = isUniversal(status, asn1.Type.INTEGER) ? intBytes(bytesOf(status)) : Buffer.alloc(0);
  const code = raw.length >= 1 && raw.length <= 4 ? raw.readUIntBE(0, raw.length) : -1;
  if ((code !== 0 && code !== 1) || !parts[1]) throw new TimestampError(`time-stamping authority refused (status ${code})`);
  return toDer(parts[1]);
}

export interface TstInfo {
  policy: string;
  hashAlgorithm: string;
  messageImprint: Buffer;
  serialNumber: string;
  genTime: Date;
  nonce: Buffer | null;
  /** The TSTInfo as signed (eContent of the token), for checking the token's message digest. */
  der: Buffer;
}

/** The TSTInfo (RFC 3161, 2.4.2) inside a TimeStampToken (a CMS SignedData with eContentType id-ct-TSTInfo). */
export function tstInfo(token: Buffer): TstInfo {
  const sd = children(children(children(fromDer(token))[1])[0]);
  const der = bytesOf(children(children(sd[2])[1])[0]);
  const t = children(fromDer(der));
  const [alg, imprint] = children(t[2]);
  const gen = t.find((x) => isUniversal(x, asn1.Type.GENERALIZEDTIME));
  if (!gen) throw new TimestampError('timestamp token has no genTime');
  // after genTime come accuracy (SEQUENCE) and ordering (BOOLEAN), both optional, then the nonce (INTEGER)
  const nonce = t.slice(t.indexOf(gen) + 1).find((x) => isUniversal(x, asn1.Type.INTEGER));
  return {
    policy: oidOf(t[1]),
    hashAlgorithm: oidOf(children(alg)[0]),
    messageImprint: bytesOf(imprint),
    serialNumber: bytesOf(t[3]).toString('hex'),
    genTime: asn1.generalizedTimeToDate(String(gen.value)),
    nonce: nonce ? bytesOf(nonce) : null,
    der,
  };
}

/**
 * Checks a token against what was asked (RFC 3161, 2.4.2: the client must compare the imprint and the nonce): a
 * token for other data, or a replayed one, would give the signature a time it never had.
 */
export function checkTokenFor(token: Buffer, hash: Buffer, nonce: Buffer): void {
  let info: TstInfo;
  try {
    info = tstInfo(token);
  } catch (err) {
    throw err instanceof TimestampError ? err : new TimestampError('time-stamping authority sent an unreadable token');
  }
  if (info.hashAlgorithm !== OID.sha256 || !info.messageImprint.equals(hash)) throw new TimestampError('time-stamping authority stamped other data than the signature');
  if (!info.nonce || !intBytes(info.nonce).equals(intBytes(nonce))) throw new TimestampError('time-stamping authority answered with another nonce');
}

/** Asks the TSA at `url` for a token over the signature value. */
export async function fetchTimestamp(url: string, signatureValue: Buffer): Promise<Buffer> {
  const { der, nonce, hash } = timestampRequest(signatureValue);
  let body: Buffer;
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: new Uint8Array(der), signal: AbortSignal.timeout(15_000) });
    if (!res.ok) throw new TimestampError(`time-stamping authority answered HTTP ${res.status}`);
    body = Buffer.from(await res.arrayBuffer());
  } catch (err) {
    if (err instanceof TimestampError) throw err;
    throw new TimestampError(`time-stamping authority unreachable: ${err instanceof Error ? err.message : String(err)}`);
  }
  const token = timestampToken(body);
  checkTokenFor(token, hash, nonce);
  return token;
}

export interface TimestampReport {
  /** genTime of the token (ISO 8601). */
  time: string;
  /** Common name of the TSA certificate in the token. */
  tsa: string | null;
  policy: string;
  /** The token stamps the SHA-256 of this signature's value. */
  imprintMatches: boolean;
  /** The TSA's signature over the TSTInfo verifies with a certificate allowed to stamp time. */
  signatureValid: boolean;
  /** The TSA certificate chains to a trusted root. */
  trusted: boolean;
}

/** Verifies an RFC 3161 token embedded as the unsigned attribute of a signature whose value is `signatureValue`. */
export function verifyTimestamp(token: Buffer, signatureValue: Buffer, roots: X509Certificate[]): TimestampReport | null {
  let info: TstInfo;
  try {
    info = tstInfo(token);
  } catch {
    return null;
  }
  const report: TimestampReport = { time: info.genTime.toISOString(), tsa: null, policy: info.policy, imprintMatches: false, signatureValid: false, trusted: false };
  const hashes: Record<string, string> = { [OID.sha256]: 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512' };
  const hashName = hashes[info.hashAlgorithm];
  report.imprintMatches = !!hashName && createHash(hashName).update(signatureValue).digest().equals(info.messageImprint);
  try {
    const cms = parseCms(token);
    const certs = cms.certificates.map((c) => new X509Certificate(c));
    const sid = fromDer(cms.issuerAndSerialDer);
    const serial = intBytes(bytesOf(children(sid)[1])).toString('hex');
    const tsaCert = certs.find((c) => intBytes(Buffer.from(c.serialNumber.length % 2 ? `0${c.serialNumber}` : c.serialNumber, 'hex')).toString('hex') === serial);
    if (!tsaCert) return report;
    report.tsa = commonName(tsaCert.subject);
    const digestName = hashes[cms.digestAlgorithm];
    const digestOk = !!digestName && !!cms.messageDigest && createHash(digestName).update(info.der).digest().equals(cms.messageDigest);
    const stamps = (tsaCert.keyUsage ?? []).includes(TIME_STAMPING);
    report.signatureValid = digestOk && stamps && !!cms.signedAttrsDer && nodeVerify(digestName, cms.signedAttrsDer, tsaCert.publicKey, cms.signature);
    report.trusted = buildChain(tsaCert, certs, roots).trusted;
  } catch {
    report.signatureValid = false;
  }
  return report;
}
