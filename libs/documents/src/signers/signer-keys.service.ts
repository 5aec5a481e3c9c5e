import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '#audit';
import { APP_CONFIG, Clock, DomainError, UserEntity, type AppConfig, type AuthUser } from '#core';
import { DocumentsErrorCode } from '../documents.errors.js';
import { canSignDocuments, certificateFromPem, keyUsage } from '../signing/certificates.js';
import { issuerAndSerial, type KeyAlgorithm, type RawSigner } from '../signing/cms.js';
import { openP12, P12PasswordError, p12Signer } from '../signing/p12-signer.js';
import { Pkcs11Error, Pkcs11Token } from '../signing/pkcs11-signer.js';
import { BlobCipher, loadOrCreateSignKey } from './blob-cipher.js';
import { REMOTE_SIGNING_SERVICE, type RemoteSigningService } from './remote-signing.port.js';
import { SignerCredentialEntity, SignerKeyStore } from './signer-credential.entity.js';

export interface SignerView {
  userId: string;
  username: string;
  displayName: string;
  keyStore: SignerKeyStore;
  subject: string;
  notBefore: string;
  notAfter: string;
  tokenLabel: string | null;
  keyId: string | null;
  usable: boolean;
  problem: string | null;
}

/** A ready signer and what describes it in the audit chain. */
export interface ResolvedSigner {
  raw: RawSigner;
  keyStore: SignerKeyStore;
  certificate: X509Certificate;
}

const PKCS11_ERROR: Record<Pkcs11Error['failure'], DocumentsErrorCode> = {
  PIN_INCORRECT: DocumentsErrorCode.WRONG_PIN,
  PIN_LOCKED: DocumentsErrorCode.PIN_LOCKED,
  TOKEN_NOT_PRESENT: DocumentsErrorCode.TOKEN_NOT_PRESENT,
  KEY_NOT_FOUND: DocumentsErrorCode.TOKEN_KEY_NOT_FOUND,
  MODULE_NOT_FOUND: DocumentsErrorCode.PKCS11_NOT_CONFIGURED,
  TOKEN_ERROR: DocumentsErrorCode.TOKEN_ERROR,
};

/** Maps a token failure to the code and message the secretary or chair sees. */
export function pkcs11DomainError(err: unknown): unknown {
  if (!(err instanceof Pkcs11Error)) return err;
  const messages: Record<Pkcs11Error['failure'], string> = {
    PIN_INCORRECT: 'Wrong token PIN',
    PIN_LOCKED: 'The token PIN is locked: unlock it with the PUK',
    TOKEN_NOT_PRESENT: 'The token is not plugged in (or was removed while signing)',
    KEY_NOT_FOUND: 'The key or certificate is not on the token',
    MODULE_NOT_FOUND: 'The PKCS#11 module cannot be loaded',
    TOKEN_ERROR: 'The token failed to sign',
  };
  return new DomainError(PKCS11_ERROR[err.failure], messages[err.failure], { token: err.message });
}

/** Validity now and key usage: what makes a certificate unusable for signing, as a domain error. */
export function assertCertificateUsable(cert: X509Certificate, now: Date): void {
  if (now < new Date(cert.validFrom)) throw new DomainError(DocumentsErrorCode.CERTIFICATE_NOT_YET_VALID, `The certificate is valid only from ${new Date(cert.validFrom).toISOString()}`);
  if (now > new Date(cert.validTo)) throw new DomainError(DocumentsErrorCode.CERTIFICATE_EXPIRED, `The certificate expired on ${new Date(cert.validTo).toISOString()}`);
  // RFC 5280, 4.2.1.3: signing documents needs digitalSignature or nonRepudiation (contentCommitment)
  if (!canSignDocuments(cert.raw)) throw new DomainError(DocumentsErrorCode.CERTIFICATE_KEY_USAGE, 'The certificate is not allowed to sign (keyUsage lacks digitalSignature and nonRepudiation)');
}

const algorithmOf = (cert: X509Certificate): KeyAlgorithm => (cert.publicKey.asymmetricKeyType === 'ec' ? 'ecdsa' : 'rsa');

/** Signing keys per user: PKCS#12 files (encrypted at rest), PKCS#11 tokens, or a remote signing service. */
@Injectable()
export class SignerKeysService {
  private cipher: Promise<BlobCipher> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(REMOTE_SIGNING_SERVICE) private readonly remote: RemoteSigningService | null,
  ) {}

  private blobCipher(): Promise<BlobCipher> {
    const { signKey, signKeyVersion } = this.config.documents;
    this.cipher ??= signKey ? Promise.resolve(new BlobCipher(signKey, signKeyVersion)) : loadOrCreateSignKey(join(this.config.dataDir, 'sign.key')).then((k) => new BlobCipher(k, signKeyVersion));
    return this.cipher;
  }

  async list(): Promise<SignerView[]> {
    const rows = await this.dataSource.getRepository(SignerCredentialEntity).find({ relations: { user: true }, order: { createdAt: 'ASC' } });
    return rows.map((r) => this.view(r));
  }

  private view(r: SignerCredentialEntity): SignerView {
    let problem: string | null = null;
    try {
      assertCertificateUsable(new X509Certificate(r.chain[0]), this.clock.now());
    } catch (err) {
      problem = err instanceof DomainError ? err.code : 'INVALID_CERTIFICATE';
    }
    const u = r.user;
    return {
      userId: r.userId,
      username: u?.username ?? '',
      displayName: u?.displayName ?? '',
      keyStore: r.keyStore,
      subject: r.subject,
      notBefore: new Date(r.notBefore).toISOString(),
      notAfter: new Date(r.notAfter).toISOString(),
      tokenLabel: r.tokenLabel,
      keyId: r.keyId,
      usable: problem === null,
      problem,
    };
  }

  private async mustUser(userId: string): Promise<UserEntity> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: userId } });
    if (!user) throw DomainError.notFound('User', userId);
    return user;
  }

  /** Stores a PKCS#12 file for a user after opening it with its password (which is not kept). */
  async configureP12(admin: AuthUser, userId: string, p12: Buffer, password: string): Promise<SignerView> {
    await this.mustUser(userId);
    let chain: Buffer[];
    try {
      chain = openP12(p12, password).chain;
    } catch (err) {
      if (err instanceof P12PasswordError) throw new DomainError(DocumentsErrorCode.WRONG_PIN, 'Wrong password for the PKCS#12 file');
      throw new DomainError(DocumentsErrorCode.INVALID_P12, err instanceof Error ? err.message : 'Not a PKCS#12 file');
    }
    const cert = new X509Certificate(chain[0]);
    if (!canSignDocuments(cert.raw)) throw new DomainError(DocumentsErrorCode.CERTIFICATE_KEY_USAGE, 'The certificate is not allowed to sign (keyUsage lacks digitalSignature and nonRepudiation)');
    const cipher = await this.blobCipher();
    return this.save(admin, userId, { keyStore: SignerKeyStore.P12, p12Encrypted: cipher.encrypt(p12), keyVersion: cipher.version, tokenLabel: null, keyId: null }, chain);
  }

  /** Registers a key on a PKCS#11 token: reads its certificate from the token now, to show and check it. */
  async configurePkcs11(admin: AuthUser, userId: string, tokenLabel: string, keyId: string, chainPem: string | undefined): Promise<SignerView> {
    await this.mustUser(userId);
    const token = this.token(tokenLabel, keyId);
    let leaf: Buffer;
    try {
      leaf = await token.certificate();
      new X509Certificate(leaf);
    } catch (err) {
      throw pkcs11DomainError(err);
    }
    const issuers = chainPem ? certificateFromPem(chainPem) : [];
    return this.save(admin, userId, { keyStore: SignerKeyStore.Pkcs11, p12Encrypted: null, keyVersion: null, tokenLabel, keyId: keyId.toLowerCase() }, [leaf, ...issuers]);
  }

  private token(tokenLabel: string, keyId: string): Pkcs11Token {
    const { pkcs11Module, pkcs11Tool } = this.config.documents;
    if (!pkcs11Module) throw new DomainError(DocumentsErrorCode.PKCS11_NOT_CONFIGURED, 'Token signing needs SIGN_PKCS11_MODULE (the token vendor PKCS#11 module)');
    return new Pkcs11Token({ module: pkcs11Module, tool: pkcs11Tool, tokenLabel, keyId });
  }

  private async save(admin: AuthUser, userId: string, fields: Pick<SignerCredentialEntity, 'keyStore' | 'p12Encrypted' | 'keyVersion' | 'tokenLabel' | 'keyId'>, chain: Buffer[]): Promise<SignerView> {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(chain[0]);
      // what signing will read from it (issuer, serial, key usage) must parse now, not fail at the first signature
      issuerAndSerial(chain[0]);
      keyUsage(chain[0]);
    } catch {
      throw new DomainError(DocumentsErrorCode.INVALID_CERTIFICATE, 'The signing certificate cannot be read (malformed DER)');
    }
    await this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(SignerCredentialEntity);
      await repo.delete({ userId });
      const row = await repo.save(
        repo.create({ userId, ...fields, chain, subject: cert.subject.replace(/\n/g, ', '), notBefore: new Date(cert.validFrom), notAfter: new Date(cert.validTo), configuredBy: admin.id }),
      );
      await this.audit.append(
        { action: 'signer.configured', entityType: 'signer_credential', entityId: row.id, actorId: admin.id, actorRole: admin.role, payload: { userId, keyStore: fields.keyStore, certificateSha256: cert.fingerprint256.replace(/:/g, '').toLowerCase(), subject: row.subject } },
        em,
      );
    });
    const saved = await this.dataSource.getRepository(SignerCredentialEntity).findOneOrFail({ where: { userId }, relations: { user: true } });
    return this.view(saved);
  }

  async remove(admin: AuthUser, userId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const row = await em.getRepository(SignerCredentialEntity).findOne({ where: { userId } });
      if (!row) throw new DomainError(DocumentsErrorCode.SIGNER_NOT_CONFIGURED, 'This user has no signing key');
      await em.getRepository(SignerCredentialEntity).delete({ id: row.id });
      await this.audit.append({ action: 'signer.removed', entityType: 'signer_credential', entityId: row.id, actorId: admin.id, actorRole: admin.role, payload: { userId } }, em);
    });
  }

  /** The user's signer, opened with the PIN or PKCS#12 password; the certificate is checked before any key is used. */
  async resolve(userId: string, pin: string): Promise<ResolvedSigner> {
    const row = await this.dataSource.getRepository(SignerCredentialEntity).findOne({ where: { userId }, select: { id: true, userId: true, keyStore: true, p12Encrypted: true, keyVersion: true, tokenLabel: true, keyId: true, chain: true } });
    if (!row) throw new DomainError(DocumentsErrorCode.SIGNER_NOT_CONFIGURED, 'No signing key is configured for you: ask the administrator');
    const certificate = new X509Certificate(row.chain[0]);
    assertCertificateUsable(certificate, this.clock.now());
    if (row.keyStore === SignerKeyStore.P12) {
      const cipher = await this.blobCipher();
      if (!row.p12Encrypted) throw new DomainError(DocumentsErrorCode.SIGNER_NOT_CONFIGURED, 'The stored key file is missing');
      try {
        const opened = openP12(cipher.decrypt(row.p12Encrypted), pin);
        return { raw: p12Signer({ key: opened.key, chain: [opened.chain[0], ...row.chain.slice(1)] }), keyStore: row.keyStore, certificate };
      } catch (err) {
        if (err instanceof P12PasswordError) throw new DomainError(DocumentsErrorCode.WRONG_PIN, 'Wrong password for your key file');
        throw new DomainError(DocumentsErrorCode.INVALID_P12, 'The stored key file cannot be opened');
      }
    }
    if (row.keyStore === SignerKeyStore.Pkcs11) {
      const token = this.token(row.tokenLabel ?? '', row.keyId ?? '');
      return { raw: token.signer(pin, row.chain, algorithmOf(certificate)), keyStore: row.keyStore, certificate };
    }
    if (!this.remote) throw new DomainError(DocumentsErrorCode.REMOTE_SIGNER_UNAVAILABLE, 'No remote signing service adapter is installed');
    const remote = this.remote;
    return {
      raw: { chain: row.chain, algorithm: algorithmOf(certificate), sign: (data) => remote.sign({ userId, certificate: row.chain[0], data, pin }) },
      keyStore: row.keyStore,
      certificate,
    };
  }
}
