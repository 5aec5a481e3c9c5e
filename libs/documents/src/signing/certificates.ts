import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { fromDer } from './cms.js';

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;
const children = (a: Asn1 | undefined): Asn1[] => (a && Array.isArray(a.value) ? a.value : []);

export interface KeyUsage {
  digitalSignature: boolean;
  nonRepudiation: boolean;
}

/** The keyUsage extension (RFC 5280, 4.2.1.3), or null when the certificate has none. */
export function keyUsage(certDer: Buffer): KeyUsage | null {
  const tbs = children(children(fromDer(certDer))[0]);
  const extsWrapper = tbs.find((x) => x.tagClass === asn1.Class.CONTEXT_SPECIFIC && x.type === 3);
  for (const ext of children(children(extsWrapper)[0])) {
    const parts = children(ext);
    const id = typeof parts[0]?.value === 'string' ? asn1.derToOid(forge.util.createBuffer(parts[0].value)) : '';
    if (id !== '2.5.29.15') continue;
    const octets = parts[parts.length - 1];
    const bits = fromDer(Buffer.from(String(octets.value), 'binary'));
    const raw = Buffer.from(String(bits.value), 'binary');
    // raw[0] is the count of unused bits; bit 0 (0x80) digitalSignature, bit 1 (0x40) nonRepudiation (contentCommitment)
    const first = raw.length > 1 ? raw[1] : 0;
    return { digitalSignature: (first & 0x80) !== 0, nonRepudiation: (first & 0x40) !== 0 };
  }
  return null;
}

/** A certificate may sign documents when it has no keyUsage or one with digitalSignature or nonRepudiation. */
export function canSignDocuments(certDer: Buffer): boolean {
  const ku = keyUsage(certDer);
  return ku === null || ku.digitalSignature || ku.nonRepudiation;
}

export function commonName(subject: string): string | null {
  const m = /(?:^|\n)CN=([^\n]+)/.exec(subject);
  return m ? m[1] : null;
}

export function certificateFromPem(text: string): Buffer[] {
  const out: Buffer[] = [];
  for (const m of text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)) out.push(Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
  return out;
}

export function toPem(der: Buffer): string {
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

export interface ChainResult {
  trusted: boolean;
  /** Subjects from the signer up to the last certificate found. */
  path: X509Certificate[];
}

/** Builds the path from the signer through the embedded certificates to one of the trusted roots. */
export function buildChain(leaf: X509Certificate, pool: X509Certificate[], roots: X509Certificate[]): ChainResult {
  const path = [leaf];
  const isRoot = (c: X509Certificate): boolean => roots.some((r) => r.fingerprint256 === c.fingerprint256);
  let cur = leaf;
  for (let depth = 0; depth < 10; depth++) {
    if (isRoot(cur)) return { trusted: true, path };
    const issuer = [...roots, ...pool].find((c) => c.fingerprint256 !== cur.fingerprint256 && cur.checkIssued(c) && safeVerify(cur, c));
    if (!issuer) return { trusted: false, path };
    if (isRoot(issuer)) return { trusted: true, path: [...path, issuer] };
    path.push(issuer);
    cur = issuer;
  }
  return { trusted: false, path };
}

function safeVerify(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}
