import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

/** A test CA and certificates made with it: real X.509 and PKCS#12, the same bytes a CA would hand out. */
export interface TestCa {
  key: forge.pki.rsa.PrivateKey;
  cert: forge.pki.Certificate;
  pem: string;
  der: Buffer;
}

export interface TestIdentity {
  keyPem: string;
  /** PKCS#8 PEM, for importing into a token. */
  pkcs8Pem: string;
  cert: forge.pki.Certificate;
  certPem: string;
  certDer: Buffer;
}

const derOf = (c: forge.pki.Certificate): Buffer => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), 'binary');

function rsaKeys(): { forgeKey: forge.pki.rsa.PrivateKey; forgePub: forge.pki.rsa.PublicKey; pem: string; pkcs8: string } {
  // node makes the key (fast); forge signs the certificates with it
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { forgeKey, forgePub: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), pem, pkcs8 };
}

const serial = (): string => `01${randomBytes(8).toString('hex')}`;
/** A name attribute as UTF8String (RFC 5280 4.1.2.4), the way Vietnamese CAs write names with diacritics. */
// forge encodes a UTF8 value itself: pass the JS string
const utf8 = (shortName: string, value: string): forge.pki.CertificateField => ({ shortName, value, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class });

export function createCa(cn = 'Diên Hồng Test Root CA'): TestCa {
  const k = rsaKeys();
  const cert = forge.pki.createCertificate();
  cert.publicKey = k.forgePub;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 365 * 86400_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86400_000);
  const attrs = [utf8('CN', cn), utf8('O', 'Test')];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(k.forgeKey, forge.md.sha256.create());
  return { key: k.forgeKey, cert, pem: forge.pki.certificateToPem(cert), der: derOf(cert) };
}

export interface IdentityOptions {
  notBefore?: Date;
  notAfter?: Date;
  /** keyUsage flags; default digitalSignature + nonRepudiation. */
  keyUsage?: { digitalSignature?: boolean; nonRepudiation?: boolean; keyEncipherment?: boolean };
}

export function createIdentity(ca: TestCa, cn: string, opts: IdentityOptions = {}): TestIdentity {
  const k = rsaKeys();
  const cert = forge.pki.createCertificate();
  cert.publicKey = k.forgePub;
  cert.serialNumber = serial();
  cert.validity.notBefore = opts.notBefore ?? new Date(Date.now() - 86400_000);
  cert.validity.notAfter = opts.notAfter ?? new Date(Date.now() + 365 * 86400_000);
  cert.setSubject([utf8('CN', cn), utf8('O', 'Ủy ban nhân dân Thành phố Hà Nội')]);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', critical: true, ...(opts.keyUsage ?? { digitalSignature: true, nonRepudiation: true }) },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return { keyPem: k.pem, pkcs8Pem: k.pkcs8, cert, certPem: forge.pki.certificateToPem(cert), certDer: derOf(cert) };
}

/** The PKCS#12 file a CA issues: key, certificate and the CA certificate, under a password. */
export function p12Of(id: TestIdentity, ca: TestCa, password: string): Buffer {
  const key = forge.pki.privateKeyFromPem(id.keyPem);
  const asn = forge.pkcs12.toPkcs12Asn1(key, [id.cert, ca.cert], password, { algorithm: '3des', friendlyName: 'signer' });
  return Buffer.from(forge.asn1.toDer(asn).getBytes(), 'binary');
}

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export interface SoftToken {
  conf: string;
  dir: string;
  label: string;
  keyId: string;
  pin: string;
}

/**
 * A SoftHSM2 token (a real PKCS#11 implementation) holding the identity's key and certificate, set up as a CA's
 * USB token is: token initialised with softhsm2-util, key imported, certificate written with pkcs11-tool.
 */
export function softToken(dir: string, id: TestIdentity, label = 'dienhong-token', pin = '246810'): SoftToken {
  mkdirSync(join(dir, 'tokens'), { recursive: true });
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const keyId = 'a1b2';
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', '87654321', '--pin', pin], { env, stdio: 'pipe' });
  writeFileSync(join(dir, 'key.p8'), id.pkcs8Pem);
  writeFileSync(join(dir, 'cert.der'), id.certDer);
  execFileSync('softhsm2-util', ['--import', join(dir, 'key.p8'), '--token', label, '--label', 'signer', '--id', keyId, '--pin', pin], { env, stdio: 'pipe' });
  execFileSync('pkcs11-tool', ['--module', SOFTHSM_MODULE, '--token-label', label, '--login', '--pin', pin, '--write-object', join(dir, 'cert.der'), '--type', 'cert', '--id', keyId, '--label', 'signer'], { env, stdio: 'pipe' });
  return { conf, dir, label, keyId, pin };
}
