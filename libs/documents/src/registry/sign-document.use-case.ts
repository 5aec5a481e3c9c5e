import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '#audit';
import { APP_CONFIG, Clock, DomainError, type AppConfig, type AuthUser } from '#core';
import { DocumentsErrorCode } from '../documents.errors.js';
import { formatVnSigningTime } from '../layout/official-format.js';
import { signPdf, SignatureTooLargeError } from '../pdf/pdf-sign.js';
import { verifyPdf } from '../pdf/pdf-verify.js';
import { commonName } from '../signing/certificates.js';
import { fetchTimestamp, TimestampError } from '../signing/timestamp.js';
import { pkcs11DomainError, SignerKeysService } from '../signers/signer-keys.service.js';
import { sha256, DocumentsService, type OfficialDocumentView } from './documents.service.js';
import { DocumentSignatureEntity, OfficialDocumentEntity, OfficialDocumentStatus } from './official-document.entity.js';

/**
 * One signature on a registered document: the signer must own the block and it must be empty; the stored file must
 * still be the one recorded at its last signature; the certificate must be valid and allowed to sign. The new file,
 * the signature row and the audit entry (hash before and after, signer, certificate, time) are written together, or
 * nothing is.
 */
@Injectable()
export class SignDocumentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentsService,
    private readonly keys: SignerKeysService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(user: AuthUser, documentId: string, slotKey: string, pin: string): Promise<OfficialDocumentView> {
    // the key is looked up before the transaction: embedded PGlite runs one connection, and a read outside `em`
    // inside the transaction would wait for the transaction itself
    const signer = await this.keys.resolve(user.id, pin);
    await this.dataSource.transaction(async (em) => {
      const { row, pdf } = await this.documents.file(documentId, em);
      const slot = row.slots.find((s) => s.key === slotKey);
      if (!slot) throw new DomainError(DocumentsErrorCode.SLOT_NOT_FOUND, `This document has no signature block "${slotKey}"`);
      if (slot.userId !== user.id) throw new DomainError(DocumentsErrorCode.SLOT_NOT_YOURS, 'This signature block is for someone else');
      if (await em.getRepository(DocumentSignatureEntity).exists({ where: { documentId, slotKey } })) {
        throw new DomainError(DocumentsErrorCode.SLOT_ALREADY_SIGNED, 'This block is already signed');
      }
      // the bytes must be those recorded at issue or at the last signature: an altered file is never signed
      const before = sha256(pdf);
      if (before !== row.currentSha256) throw new DomainError(DocumentsErrorCode.DOCUMENT_ALTERED, 'The stored document changed since it was locked: it is not signed', { expected: row.currentSha256, actual: before });
      const signingTime = this.clock.now();
      const name = commonName(signer.certificate.subject) ?? slot.fullName;
      let signed: Buffer;
      try {
        signed = await signPdf(
          pdf,
          {
            fieldName: slot.key,
            page: slot.page,
            rect: slot.rect,
            // Decree 30/2020 Appendix I, Part II, II.8: who signed and when (date, time, Vietnam time zone, ISO 8601)
            appearance: [`Ký số bởi: ${name}`, `Chức vụ: ${slot.position.charAt(0)}${slot.position.slice(1).toLowerCase()}`, `Thời gian ký: ${formatVnSigningTime(signingTime)}`],
            signerName: name,
            reason: `${slot.position} ký ${row.title}`,
            location: this.config.documents.place,
            signingTime,
          },
          signer.raw,
          this.config.documents.tsaUrl ? { timestamp: (sig) => fetchTimestamp(this.config.documents.tsaUrl as string, sig) } : {},
        );
      } catch (err) {
        if (err instanceof TimestampError) throw new DomainError(DocumentsErrorCode.TIMESTAMP_FAILED, err.message);
        if (err instanceof SignatureTooLargeError) throw new DomainError(DocumentsErrorCode.TOKEN_ERROR, err.message);
        throw pkcs11DomainError(err);
      }
      // our own result is checked before it is kept: a token that returned a wrong signature changes nothing
      const check = verifyPdf(signed, [signer.certificate]).signatures.find((s) => s.field === slot.key);
      if (!check || !check.digestMatches || !check.signatureValid || !check.coversWholeDocument) {
        throw new DomainError(DocumentsErrorCode.TOKEN_ERROR, 'The signature made by the key does not verify', { problems: check?.problems ?? ['NOT_FOUND'] });
      }
      const after = sha256(signed);
      const sigRepo = em.getRepository(DocumentSignatureEntity);
      const saved = await sigRepo.save(
        sigRepo.create({
          documentId,
          slotKey,
          signerUserId: user.id,
          signerName: name,
          certificateSubject: signer.certificate.subject.replace(/\n/g, ', '),
          certificateSha256: signer.certificate.fingerprint256.replace(/:/g, '').toLowerCase(),
          keyStore: signer.keyStore,
          signedAt: signingTime,
          sha256Before: before,
          sha256After: after,
        }),
      );
      const count = await sigRepo.count({ where: { documentId } });
      await em.getRepository(OfficialDocumentEntity).update(
        { id: documentId },
        { pdf: signed, currentSha256: after, status: count >= row.slots.length ? OfficialDocumentStatus.Signed : OfficialDocumentStatus.Signing },
      );
      await this.audit.append(
        {
          action: 'document.signed',
          entityType: 'official_document',
          entityId: documentId,
          actorId: user.id,
          actorRole: user.role,
          meetingId: row.meetingId,
          payload: {
            signatureId: saved.id,
            slot: slotKey,
            signer: name,
            certificateSha256: saved.certificateSha256,
            keyStore: signer.keyStore,
            signedAt: signingTime.toISOString(),
            sha256Before: before,
            sha256After: after,
          },
        },
        em,
      );
    });
    return this.documents.view(documentId);
  }
}
