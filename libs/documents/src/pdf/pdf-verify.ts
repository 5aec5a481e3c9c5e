import { createHash, verify as nodeVerify, X509Certificate } from 'node:crypto';
import { buildChain, canSignDocuments, commonName } from '../signing/certificates.js';
import { fromDer, OID, parseCms, timestampTime } from '../signing/cms.js';
import { verifyTimestamp, type TimestampReport } from '../signing/timestamp.js';
import { isDict, isRef, PdfFile, PdfLexer, serialize, type PdfDict, type PdfValue } from './pdf-objects.js';

export type LaterChanges = 'none' | 'signatures-only' | 'other';

export interface SignatureReport {
  field: string | null;
  signer: string | null;
  subject: string | null;
  issuer: string | null;
  serialNumber: string | null;
  validFrom: string | null;
  validTo: string | null;
  signingTime: string | null;
  timestampTime: string | null;
  /** The RFC 3161 token over the signature value, checked: imprint, TSA signature, TSA chain. */
  timestamp: TimestampReport | null;
  subFilter: string | null;
  byteRange: number[];
  /** The ByteRange starts at 0 and leaves out exactly the Contents hex string. */
  rangeWellFormed: boolean;
  /** The signature covers every byte of the file as it is now. */
  coversWholeDocument: boolean;
  /** What later revisions did: nothing, only add signatures, or anything else (content changed since signing). */
  laterChanges: LaterChanges;
  digestMatches: boolean;
  signatureValid: boolean;
  certificateValidAtSigning: boolean;
  keyUsageAllowsSigning: boolean;
  chainTrusted: boolean;
  chain: string[];
  /** Valid: untouched bytes, a correct signature by a certificate that was valid, allowed to sign, and trusted. */
  valid: boolean;
  problems: string[];
}

export interface VerifyReport {
  sha256: string;
  bytes: number;
  signatures: SignatureReport[];
  /** Bytes after the last signature's revision that no signature covers. */
  unsignedChangesAtEnd: boolean;
}

interface Found {
  objStart: number;
  value: PdfDict;
}

/** Every signature dictionary in the file, found by scanning (a damaged cross-reference table must not hide one). */
function findSignatureDicts(file: PdfFile): Found[] {
  const out: Found[] = [];
  const re = /(\d+)\s+(\d+)\s+obj\s*<</g;
  for (let m = re.exec(file.text); m; m = re.exec(file.text)) {
    const end = file.text.indexOf('endobj', m.index);
    const slice = file.text.slice(m.index, end < 0 ? undefined : end);
    if (!slice.includes('/ByteRange')) continue;
    try {
      const lx = new PdfLexer(file.text, m.index + m[0].length - 2);
      const v = lx.value();
      if (isDict(v) && v.m.has('ByteRange') && v.m.has('Contents')) out.push({ objStart: m.index, value: v });
    } catch {
      // not parseable: not a signature we can report
    }
  }
  return out;
}

function fieldNames(file: PdfFile): Map<number, string> {
  const names = new Map<number, string>();
  for (const [n] of file.offsets) {
    try {
      const v = file.object(n).value;
      if (!isDict(v)) continue;
      const sig = v.m.get('V');
      const t = v.m.get('T');
      if (isRef(sig) && t && !Array.isArray(t) && (t.t === 'str' || t.t === 'hex')) names.set(sig.n, decodeText(t.raw));
    } catch {
      // skip broken objects
    }
  }
  return names;
}

function decodeText(raw: string): string {
  if (raw.startsWith('<')) {
    const b = Buffer.from(raw.slice(1, -1), 'hex');
    if (b[0] === 0xfe && b[1] === 0xff) {
      const u = Buffer.from(b.subarray(2));
      u.swap16();
      return u.toString('utf16le');
    }
    return b.toString('latin1');
  }
  return raw.slice(1, -1).replace(/\\(.)/g, '$1');
}

const numbers = (v: PdfValue | undefined): number[] => (Array.isArray(v) ? v.map((x) => (!Array.isArray(x) && x.t === 'num' ? x.v : NaN)) : []);
const nameOf = (v: PdfValue | undefined): string | null => (v && !Array.isArray(v) && v.t === 'name' ? v.v : null);

const without = (d: PdfDict, key: string): string => serialize({ t: 'dict', m: new Map([...d.m].filter(([k]) => k !== key)) });

/** What the revisions after `end` changed: objects rewritten other than the catalog's AcroForm or a page's Annots. */
function laterChanges(file: PdfFile, end: number): LaterChanges {
  if (end >= file.bytes.length) return 'none';
  let before: PdfFile;
  try {
    before = new PdfFile(file.bytes.subarray(0, end));
  } catch {
    return 'other';
  }
  if (file.offsets.size === 0) return 'other';
  let rootN: number;
  try {
    rootN = before.rootRef.n;
  } catch {
    return 'other';
  }
  for (const [n, o] of file.offsets) {
    if (o.offset < end || !before.offsets.has(n)) continue;
    try {
      const a = before.object(n).value;
      const b = file.object(n).value;
      if (!isDict(a) || !isDict(b)) return 'other';
      if (n === rootN && without(a, 'AcroForm') === without(b, 'AcroForm')) continue;
      if (nameOf(a.m.get('Type')) === 'Page' && without(a, 'Annots') === without(b, 'Annots')) continue;
      return 'other';
    } catch {
      return 'other';
    }
  }
  // a file whose newest cross-reference does not reach what was appended is also a change
  if (file.startxref < end) return 'other';
  return 'signatures-only';
}

/**
 * Checks every signature of a PDF on its own: the ByteRange, the digest of the covered bytes, the CMS signature, the
 * signer's certificate (validity at the signing time, key usage, chain to a trusted root) and what changed after it.
 */
export function verifyPdf(bytes: Buffer, trustedRoots: X509Certificate[]): VerifyReport {
  const file = PdfFile.lenient(bytes);
  const names = fieldNames(file);
  const reports: SignatureReport[] = findSignatureDicts(file).map((f) => verifyOne(file, f, names, trustedRoots));
  // a later revision that only adds a signature is fine when that signature itself is valid
  const ends = reports.filter((r) => r.rangeWellFormed).map((r) => r.byteRange[2] + r.byteRange[3]);
  const lastEnd = ends.length ? Math.max(...ends) : 0;
  for (const r of reports) {
    if (r.laterChanges === 'other') {
      r.valid = false;
      if (!r.problems.includes('CHANGED_AFTER_SIGNING')) r.problems.push('CHANGED_AFTER_SIGNING');
    }
  }
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, signatures: reports, unsignedChangesAtEnd: reports.length > 0 && lastEnd < trimmedLength(bytes) };
}

/** Length without trailing whitespace, so a newline after the last %%EOF is not counted as a change. */
function trimmedLength(b: Buffer): number {
  let n = b.length;
  while (n > 0 && (b[n - 1] === 0x0a || b[n - 1] === 0x0d || b[n - 1] === 0x20)) n--;
  return n;
}

function verifyOne(file: PdfFile, f: Found, names: Map<number, string>, roots: X509Certificate[]): SignatureReport {
  const problems: string[] = [];
  const objNum = Number(/^(\d+)/.exec(file.text.slice(f.objStart))?.[1]);
  const br = numbers(f.value.m.get('ByteRange'));
  const contents = f.value.m.get('Contents');
  const hex = contents && !Array.isArray(contents) && contents.t === 'hex' ? contents.raw.slice(1, -1) : '';
  const [a0, l0, a1, l1] = br;
  const end = a1 + l1;
  const rangeWellFormed =
    br.length === 4 && br.every(Number.isInteger) && a0 === 0 && l0 > 0 && a1 > l0 && end <= file.bytes.length && file.text[l0] === '<' && file.text[a1 - 1] === '>' && file.text.slice(l0 + 1, a1 - 1) === hex;
  const report: SignatureReport = {
    field: names.get(objNum) ?? null,
    signer: null,
    subject: null,
    issuer: null,
    serialNumber: null,
    validFrom: null,
    validTo: null,
    signingTime: null,
    timestampTime: null,
    timestamp: null,
    subFilter: nameOf(f.value.m.get('SubFilter')),
    byteRange: br,
    rangeWellFormed,
    coversWholeDocument: rangeWellFormed && end >= trimmedLength(file.bytes),
    laterChanges: rangeWellFormed ? laterChanges(file, end) : 'other',
    digestMatches: false,
    signatureValid: false,
    certificateValidAtSigning: false,
    keyUsageAllowsSigning: false,
    chainTrusted: false,
    chain: [],
    valid: false,
    problems,
  };
  if (!rangeWellFormed) {
    problems.push('BYTE_RANGE_INVALID');
    return report;
  }
  let cms;
  try {
    cms = parseCms(Buffer.from(hex, 'hex'));
  } catch {
    problems.push('CMS_INVALID');
    return report;
  }
  const digest = createHash('sha256').update(file.bytes.subarray(0, l0)).update(file.bytes.subarray(a1, end)).digest();
  report.digestMatches = cms.digestAlgorithm === OID.sha256 && !!cms.messageDigest && cms.messageDigest.equals(digest);
  if (!report.digestMatches) problems.push('DOCUMENT_MODIFIED');
  const certs = cms.certificates.map((c) => new X509Certificate(c));
  const sidSerial = serialOf(cms.issuerAndSerialDer);
  const leaf = certs.find((c) => c.serialNumber.toLowerCase().replace(/^0+/, '') === sidSerial) ?? certs[0];
  if (!leaf) {
    problems.push('NO_CERTIFICATE');
    return report;
  }
  report.signer = commonName(leaf.subject);
  report.subject = leaf.subject;
  report.issuer = leaf.issuer;
  report.serialNumber = leaf.serialNumber;
  report.validFrom = new Date(leaf.validFrom).toISOString();
  report.validTo = new Date(leaf.validTo).toISOString();
  const tsTime = cms.timestampToken ? timestampTime(cms.timestampToken) : null;
  report.timestampTime = tsTime?.toISOString() ?? null;
  report.timestamp = cms.timestampToken ? verifyTimestamp(cms.timestampToken, cms.signature, roots) : null;
  if (cms.timestampToken && !(report.timestamp?.imprintMatches && report.timestamp.signatureValid)) problems.push('TIMESTAMP_INVALID');
  // only a verified token from a trusted TSA vouches for the time; otherwise the signer's own claimed time is used
  const signingTime = tsTime && report.timestamp?.imprintMatches && report.timestamp.signatureValid && report.timestamp.trusted ? tsTime : cms.signingTime;
  report.signingTime = cms.signingTime?.toISOString() ?? null;
  try {
    const data = cms.signedAttrsDer ?? digest;
    report.signatureValid =
      cms.signatureAlgorithm === OID.ecdsaWithSha256
        ? nodeVerify('sha256', data, { key: leaf.publicKey, dsaEncoding: 'der' }, cms.signature)
        : nodeVerify('sha256', data, leaf.publicKey, cms.signature);
  } catch {
    report.signatureValid = false;
  }
  if (!report.signatureValid) problems.push('SIGNATURE_INVALID');
  const t = signingTime ?? new Date();
  report.certificateValidAtSigning = t >= new Date(leaf.validFrom) && t <= new Date(leaf.validTo);
  if (!report.certificateValidAtSigning) problems.push('CERTIFICATE_NOT_VALID_AT_SIGNING');
  report.keyUsageAllowsSigning = canSignDocuments(leaf.raw);
  if (!report.keyUsageAllowsSigning) problems.push('CERTIFICATE_KEY_USAGE');
  const chain = buildChain(leaf, certs, roots);
  report.chainTrusted = chain.trusted;
  report.chain = chain.path.map((c) => c.subject.replace(/\n/g, ', '));
  if (!chain.trusted) problems.push('CHAIN_NOT_TRUSTED');
  report.valid = problems.length === 0;
  return report;
}

function serialOf(issuerAndSerialDer: Buffer): string {
  const seq = fromDer(issuerAndSerialDer);
  const parts = Array.isArray(seq.value) ? seq.value : [];
  const raw = Buffer.from(String(parts[1]?.value ?? ''), 'binary');
  return raw.toString('hex').toLowerCase().replace(/^0+/, '');
}
