import { createPrivateKey, sign as nodeSign, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import type { KeyAlgorithm, RawSigner } from './cms.js';

export class P12PasswordError extends Error {}
export class P12FormatError extends Error {}

export interface P12Contents {
  key: KeyObject;
  /** Signer certificate first (the one matching the key), then the others in the file (DER). */
  chain: Buffer[];
}

const certDer = (c: forge.pki.Certificate): Buffer => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), 'binary');

/** Opens a PKCS#12 file with its password: the private key and the certificates, the key's own certificate first. */
export function openP12(p12: Buffer, password: string): P12Contents {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
    parsed = forge.pkcs12.pkcs12FromAsn1(asn, false, password);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/MAC|password|decrypt|Invalid|padding/i.test(msg)) throw new P12PasswordError('wrong PKCS#12 password');
    throw new P12FormatError(`not a PKCS#12 file: ${msg}`);
  }
  const keyBags = [
    ...(parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(parsed.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const certs = (parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).map((b) => b.cert).filter((c): c is forge.pki.Certificate => !!c);
  const bag = keyBags.find((b) => b.key || b.asn1);
  if (!bag || certs.length === 0) throw new P12FormatError('the PKCS#12 file needs a private key and its certificate');
  const keyDer = bag.key
    ? Buffer.from(forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as forge.pki.rsa.PrivateKey))).getBytes(), 'binary')
    : Buffer.from(forge.asn1.toDer(bag.asn1 as forge.asn1.Asn1).getBytes(), 'binary');
  const key = createPrivateKey({ key: keyDer, format: 'der', type: 'pkcs8' });
  const ders = certs.map(certDer);
  // the signer's certificate is the one whose public key belongs to the private key
  const own = ders.findIndex((d) => {
    try {
      return new X509Certificate(d).checkPrivateKey(key);
    } catch {
      return false;
    }
  });
  if (own < 0) throw new P12FormatError('no certificate in the PKCS#12 file matches its private key');
  return { key, chain: [ders[own], ...ders.filter((_, i) => i !== own)] };
}

/** A RawSigner over an opened PKCS#12 key. */
export function p12Signer(p: P12Contents): RawSigner {
  const algorithm: KeyAlgorithm = p.key.asymmetricKeyType === 'ec' ? 'ecdsa' : 'rsa';
  return {
    chain: p.chain,
    algorithm,
    sign: (data) => Promise.resolve(nodeSign('sha256', data, p.key)),
  };
}
