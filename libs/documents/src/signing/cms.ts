import { createHash } from 'node:crypto';
import forge from 'node-forge';

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
} as const;

export type KeyAlgorithm = 'rsa' | 'ecdsa';

/** Whatever holds the private key: a PKCS#12 file, a PKCS#11 token, a remote signing service. */
export interface RawSigner {
  /** The signer's certificate first, then its issuers (DER). */
  readonly chain: Buffer[];
  readonly algorithm: KeyAlgorithm;
  /** Signs `data` with SHA-256 (PKCS#1 v1.5 for RSA, DER-encoded ECDSA): the key store hashes. */
  sign(data: Buffer): Promise<Buffer>;
}

const seq = (v: Asn1[]): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, v);
const set = (v: Asn1[]): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, v);
const oid = (o: string): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(o).getBytes());
const int = (n: number): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const octets = (b: Buffer): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, b.toString('binary'));
const nul = (): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '');
const ctx = (tag: number, v: Asn1[]): Asn1 => asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, v);
const algId = (o: string, withNull = true): Asn1 => seq(withNull ? [oid(o), nul()] : [oid(o)]);
// forge's parser takes options its type declarations do not list; parseAllBytes false lets the zero padding of /Contents pass
type FromDerWithOptions = (b: forge.util.ByteStringBuffer, o: { parseAllBytes: boolean; strict: boolean; decodeBitStrings: boolean }) => Asn1;
export const fromDer = (b: Buffer): Asn1 => (asn1.fromDer as unknown as FromDerWithOptions)(forge.util.createBuffer(b.toString('binary')), { parseAllBytes: false, strict: false, decodeBitStrings: false });
export const toDer = (a: Asn1): Buffer => Buffer.from(asn1.toDer(a).getBytes(), 'binary');
const utcTime = (d: Date): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(d));

const children = (a: Asn1): Asn1[] => (Array.isArray(a.value) ? a.value : []);

/** Issuer (raw) and serial number (raw) of a DER certificate, for the SignerInfo's IssuerAndSerialNumber. */
export function issuerAndSerial(certDer: Buffer): Asn1 {
  const tbs = children(children(fromDer(certDer))[0]);
  const off = tbs[0].tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return seq([tbs[off + 2], tbs[off]]);
}

/**
 * The signed attributes (RFC 5652, 5.3; ETSI EN 319 122-1 CAdES-B): content type, message digest, the signer's
 * certificate hash (signing-certificate-v2), and the signing time, which PDF readers show as the time of signing.
 */
function signedAttributes(digest: Buffer, certDer: Buffer, signingTime: Date): Asn1[] {
  const certHash = createHash('sha256').update(certDer).digest();
  return [
    seq([oid(OID.contentType), set([oid(OID.data)])]),
    seq([oid(OID.signingTime), set([utcTime(signingTime)])]),
    seq([oid(OID.messageDigest), set([octets(digest)])]),
    // ESSCertIDv2 with the default hash algorithm (SHA-256) omitted, as RFC 5035 asks
    seq([oid(OID.signingCertificateV2), set([seq([seq([seq([octets(certHash)])])])])]),
  ];
}

export interface CmsOptions {
  signingTime: Date;
  /** RFC 3161 client: returns the DER TimeStampToken for the SHA-256 of the signature value. */
  timestamp?: (signatureValue: Buffer) => Promise<Buffer>;
}

/** A detached CMS SignedData (PKCS#7) over `content` (the PDF's ByteRange), with the chain embedded. */
export async function buildCms(content: Buffer[], signer: RawSigner, opts: CmsOptions): Promise<Buffer> {
  const h = createHash('sha256');
  for (const c of content) h.update(c);
  const digest = h.digest();
  const cert = signer.chain[0];
  const attrs = signedAttributes(digest, cert, opts.signingTime);
  // what is signed is the DER of the attributes as a SET OF (RFC 5652, 5.4)
  const toSign = toDer(set(attrs));
  const signature = await signer.sign(toSign);
  const signerInfo: Asn1[] = [
    int(1),
    issuerAndSerial(cert),
    algId(OID.sha256),
    ctx(0, attrs),
    signer.algorithm === 'rsa' ? algId(OID.rsaEncryption) : algId(OID.ecdsaWithSha256, false),
    octets(signature),
  ];
  if (opts.timestamp) {
    const token = await opts.timestamp(signature);
    signerInfo.push(ctx(1, [seq([oid(OID.timeStampToken), set([fromDer(token)])])]));
  }
  const signedData = seq([
    int(1),
    set([algId(OID.sha256)]),
    seq([oid(OID.data)]),
    ctx(0, signer.chain.map((c) => fromDer(c))),
    set([seq(signerInfo)]),
  ]);
  return toDer(seq([oid(OID.signedData), ctx(0, [signedData])]));
}

// ---- reading ----------------------------------------------------------------------------------------------------

export interface ParsedCms {
  certificates: Buffer[];
  digestAlgorithm: string;
  signedAttrsDer: Buffer | null;
  messageDigest: Buffer | null;
  signingTime: Date | null;
  signatureAlgorithm: string;
  signature: Buffer;
  issuerAndSerialDer: Buffer;
  timestampToken: Buffer | null;
}

const oidOf = (a: Asn1 | undefined): string => (a && typeof a.value === 'string' ? asn1.derToOid(forge.util.createBuffer(a.value)) : '');
const bytesOf = (a: Asn1 | undefined): Buffer => Buffer.from(a && typeof a.value === 'string' ? a.value : '', 'binary');

/** Parses the CMS SignedData of a PDF signature (trailing zero padding allowed). */
export function parseCms(der: Buffer): ParsedCms {
  const ci = children(fromDer(der));
  if (oidOf(ci[0]) !== OID.signedData) throw new Error('not a CMS SignedData');
  const sd = children(children(ci[1])[0]);
  let i = 3;
  const certificates: Buffer[] = [];
  if (sd[i]?.tagClass === asn1.Class.CONTEXT_SPECIFIC && sd[i].type === 0) {
    for (const c of children(sd[i])) certificates.push(toDer(c));
    i++;
  }
  if (sd[i]?.tagClass === asn1.Class.CONTEXT_SPECIFIC && sd[i].type === 1) i++;
  const si = children(children(sd[i])[0]);
  let j = 3;
  let signedAttrsDer: Buffer | null = null;
  let messageDigest: Buffer | null = null;
  let signingTime: Date | null = null;
  if (si[j]?.tagClass === asn1.Class.CONTEXT_SPECIFIC && si[j].type === 0) {
    const attrs = children(si[j]);
    signedAttrsDer = toDer(set(attrs));
    for (const a of attrs) {
      const [t, vals] = children(a);
      const v = children(vals)[0];
      if (oidOf(t) === OID.messageDigest) messageDigest = bytesOf(v);
      if (oidOf(t) === OID.signingTime && v) signingTime = v.type === asn1.Type.UTCTIME ? asn1.utcTimeToDate(String(v.value)) : asn1.generalizedTimeToDate(String(v.value));
    }
    j++;
  }
  const signatureAlgorithm = oidOf(children(si[j])[0]);
  const signature = bytesOf(si[j + 1]);
  let timestampToken: Buffer | null = null;
  const unsigned = si[j + 2];
  if (unsigned?.tagClass === asn1.Class.CONTEXT_SPECIFIC && unsigned.type === 1) {
    for (const a of children(unsigned)) {
      const [t, vals] = children(a);
      if (oidOf(t) === OID.timeStampToken) timestampToken = toDer(children(vals)[0]);
    }
  }
  return {
    certificates,
    digestAlgorithm: oidOf(children(si[2])[0]),
    signedAttrsDer,
    messageDigest,
    signingTime,
    signatureAlgorithm,
    signature,
    issuerAndSerialDer: toDer(si[1]),
    timestampToken,
  };
}

/** The genTime of an RFC 3161 TimeStampToken (TSTInfo inside its SignedData). */
export function timestampTime(token: Buffer): Date | null {
  try {
    const sd = children(children(children(fromDer(token))[1])[0]);
    const eci = children(sd[2]);
    const tstInfoDer = bytesOf(children(eci[1])[0]);
    const tst = children(fromDer(tstInfoDer));
    const gen = tst.find((x) => x.type === asn1.Type.GENERALIZEDTIME);
    return gen ? asn1.generalizedTimeToDate(String(gen.value)) : null;
  } catch {
    return null;
  }
}
