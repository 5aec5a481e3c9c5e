import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '#audit';
import { APP_CONFIG, DomainError, type AppConfig, type AuthUser } from '#core';
import { DocumentsErrorCode } from '../documents.errors.js';
import { certificateFromPem } from '../signing/certificates.js';
import { TrustedRootEntity } from '../signers/signer-credential.entity.js';

export interface TrustedRootView {
  id: string | null;
  subject: string;
  fingerprint: string;
  validTo: string;
  /** `config` (SIGN_TRUSTED_ROOTS file) or `admin` (added on the verify page). */
  source: 'config' | 'admin';
}

const fp = (c: X509Certificate): string => c.fingerprint256.replace(/:/g, '').toLowerCase();

/** Root certificates the verification trusts: the SIGN_TRUSTED_ROOTS file plus those the administrator added. */
@Injectable()
export class TrustedRootsService {
  private readonly fromConfig: X509Certificate[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const file = config.documents.trustedRootsFile;
    this.fromConfig = file ? certificateFromPem(readFileSync(file, 'utf8')).map((d) => new X509Certificate(d)) : [];
  }

  async certificates(): Promise<X509Certificate[]> {
    const rows = await this.dataSource.getRepository(TrustedRootEntity).find();
    return [...this.fromConfig, ...rows.map((r) => new X509Certificate(r.der))];
  }

  async list(): Promise<TrustedRootView[]> {
    const rows = await this.dataSource.getRepository(TrustedRootEntity).find({ order: { createdAt: 'ASC' } });
    return [
      ...this.fromConfig.map((c) => ({ id: null, subject: c.subject.replace(/\n/g, ', '), fingerprint: fp(c), validTo: new Date(c.validTo).toISOString(), source: 'config' as const })),
      ...rows.map((r) => {
        const c = new X509Certificate(r.der);
        return { id: r.id, subject: r.subject, fingerprint: r.fingerprint, validTo: new Date(c.validTo).toISOString(), source: 'admin' as const };
      }),
    ];
  }

  /** Adds a root from PEM or DER; it must be a CA certificate that signed itself. */
  async add(admin: AuthUser, data: Buffer): Promise<TrustedRootView> {
    const text = data.toString('latin1');
    const der = text.includes('-----BEGIN CERTIFICATE-----') ? certificateFromPem(text)[0] : data;
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(der);
    } catch {
      throw new DomainError(DocumentsErrorCode.INVALID_CERTIFICATE, 'Not an X.509 certificate (PEM or DER)');
    }
    if (!cert.ca || !cert.checkIssued(cert) || !cert.verify(cert.publicKey)) throw new DomainError(DocumentsErrorCode.INVALID_CERTIFICATE, 'A trusted root must be a self-signed CA certificate');
    const row = await this.dataSource.transaction(async (em) => {
      const saved = await em.getRepository(TrustedRootEntity).save(em.getRepository(TrustedRootEntity).create({ fingerprint: fp(cert), subject: cert.subject.replace(/\n/g, ', '), der: cert.raw, addedBy: admin.id }));
      await this.audit.append({ action: 'trusted_root.added', entityType: 'trusted_root', entityId: saved.id, actorId: admin.id, actorRole: admin.role, payload: { fingerprint: saved.fingerprint, subject: saved.subject } }, em);
      return saved;
    });
    return { id: row.id, subject: row.subject, fingerprint: row.fingerprint, validTo: new Date(cert.validTo).toISOString(), source: 'admin' };
  }

  async remove(admin: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const row = await em.getRepository(TrustedRootEntity).findOne({ where: { id } });
      if (!row) throw DomainError.notFound('TrustedRoot', id);
      await em.getRepository(TrustedRootEntity).delete({ id });
      await this.audit.append({ action: 'trusted_root.removed', entityType: 'trusted_root', entityId: id, actorId: admin.id, actorRole: admin.role, payload: { fingerprint: row.fingerprint } }, em);
    });
  }
}
