import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '#audit';
import { Clock, DomainError, type AuthUser } from '#core';
import { DocumentsErrorCode } from '../documents.errors.js';
import { formatDocumentNumber, vnYear, type DocumentNumberText } from '../layout/official-format.js';
import type { OfficialPdfResult, SignatureSlot } from '../layout/official-pdf.js';
import { PdfSyntaxError } from '../pdf/pdf-objects.js';
import { verifyPdf, type VerifyReport } from '../pdf/pdf-verify.js';
import { DocumentSignatureEntity, OfficialDocumentEntity, OfficialDocumentStatus, type DocumentSlot } from './official-document.entity.js';
import type { SignerKeyStore } from '../signers/signer-credential.entity.js';
import { TrustedRootsService } from './trusted-roots.service.js';

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

export interface IssueRequest {
  bodyId: string;
  meetingId: string | null;
  kind: string;
  sourceId: string;
  title: string;
  /** `BB-UBND`: kind abbreviation and issuer abbreviation (Decree 30/2020 Appendix III). */
  symbol: string;
  /** Signature blocks and who signs each. */
  signers: (SignatureSlot & { userId: string })[];
  /** Draws the document with its number and date; must place every signer's block. */
  render: (number: DocumentNumberText, date: Date) => Promise<OfficialPdfResult>;
}

export interface DocumentSlotView {
  key: string;
  position: string;
  fullName: string;
  userId: string;
  signedAt: string | null;
  certificateSubject: string | null;
  keyStore: `${SignerKeyStore}` | null;
}

/** A verification, and the registered document with the same bytes (null when this system did not issue them). */
export type RegisteredVerifyReport = VerifyReport & { registered: { id: string; numberText: string; title: string; matchesCurrent: boolean } | null };

export interface OfficialDocumentView {
  id: string;
  kind: string;
  sourceId: string;
  meetingId: string | null;
  number: number;
  year: number;
  symbol: string;
  numberText: string;
  title: string;
  status: OfficialDocumentStatus;
  issuedAt: string;
  sha256: string;
  slots: DocumentSlotView[];
}

/** Registered documents: numbering per body and year, the stored file, the signature state. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly roots: TrustedRootsService,
  ) {}

  /** The next number of a body in a year: one counter row, incremented under its row lock (Decree 30/2020, Art. 15). */
  async nextNumber(em: EntityManager, bodyId: string, year: number): Promise<number> {
    const rows: { last_number: number }[] = await em.query(
      `INSERT INTO document_counters (body_id, year, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (body_id, year) DO UPDATE SET last_number = document_counters.last_number + 1 RETURNING last_number`,
      [bodyId, year],
    );
    return Number(rows[0].last_number);
  }

  /** Registers a document: takes its number, renders it once, stores the file and its hash, audits the issue. */
  async issue(user: AuthUser, req: IssueRequest): Promise<OfficialDocumentView> {
    const saved = await this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(OfficialDocumentEntity);
      if (await repo.exists({ where: { kind: req.kind, sourceId: req.sourceId } })) {
        throw new DomainError(DocumentsErrorCode.DOCUMENT_ALREADY_ISSUED, 'This record is already registered as a document');
      }
      const date = this.clock.now();
      const year = vnYear(date);
      const number = await this.nextNumber(em, req.bodyId, year);
      const out = await req.render({ number, symbol: req.symbol }, date);
      const slots: DocumentSlot[] = req.signers.map((s) => {
        const placed = out.slots.find((p) => p.key === s.key);
        if (!placed) throw new Error(`the layout did not place signature block ${s.key}`);
        return { key: s.key, position: placed.position, fullName: s.fullName, userId: s.userId, page: placed.page, rect: placed.rect };
      });
      const hash = sha256(out.pdf);
      const row = await repo.save(
        repo.create({
          bodyId: req.bodyId,
          meetingId: req.meetingId,
          kind: req.kind,
          sourceId: req.sourceId,
          year,
          number,
          symbol: req.symbol,
          title: req.title,
          pdf: out.pdf,
          issuedSha256: hash,
          currentSha256: hash,
          slots,
          status: OfficialDocumentStatus.Signing,
          issuedBy: user.id,
        }),
      );
      await this.audit.append(
        {
          action: 'document.issued',
          entityType: 'official_document',
          entityId: row.id,
          actorId: user.id,
          actorRole: user.role,
          meetingId: req.meetingId,
          payload: { kind: req.kind, number: formatDocumentNumber({ number, symbol: req.symbol }), year, sha256: hash, signers: slots.map((s) => ({ key: s.key, userId: s.userId })) },
        },
        em,
      );
      return row;
    });
    return this.view(saved.id);
  }

  async mustFind(id: string, em?: EntityManager): Promise<OfficialDocumentEntity> {
    const row = await (em ?? this.dataSource.manager).getRepository(OfficialDocumentEntity).findOne({ where: { id }, ...(em ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!row) throw new DomainError(DocumentsErrorCode.DOCUMENT_NOT_FOUND, 'No such document');
    return row;
  }

  async findBySource(kind: string, sourceId: string): Promise<OfficialDocumentView | null> {
    const row = await this.dataSource.getRepository(OfficialDocumentEntity).findOne({ where: { kind, sourceId } });
    return row ? this.view(row.id) : null;
  }

  async view(id: string): Promise<OfficialDocumentView> {
    const row = await this.mustFind(id);
    const sigs = await this.dataSource.getRepository(DocumentSignatureEntity).find({ where: { documentId: id } });
    const byKey = new Map(sigs.map((s) => [s.slotKey, s]));
    return {
      id: row.id,
      kind: row.kind,
      sourceId: row.sourceId,
      meetingId: row.meetingId,
      number: row.number,
      year: row.year,
      symbol: row.symbol,
      numberText: formatDocumentNumber({ number: row.number, symbol: row.symbol }),
      title: row.title,
      status: row.status,
      issuedAt: new Date(row.createdAt).toISOString(),
      sha256: row.currentSha256,
      slots: row.slots.map((s) => {
        const sig = byKey.get(s.key);
        return {
          key: s.key,
          position: s.position,
          fullName: s.fullName,
          userId: s.userId,
          signedAt: sig ? new Date(sig.signedAt).toISOString() : null,
          certificateSubject: sig?.certificateSubject ?? null,
          keyStore: sig?.keyStore ?? null,
        };
      }),
    };
  }

  /** The file as it is now (issued, or with the signatures made so far). */
  async file(id: string, em?: EntityManager): Promise<{ row: OfficialDocumentEntity; pdf: Buffer }> {
    const row = await this.mustFind(id, em);
    const withPdf = await (em ?? this.dataSource.manager)
      .getRepository(OfficialDocumentEntity)
      .createQueryBuilder('d')
      .addSelect('d.pdf')
      .where('d.id = :id', { id })
      .getOneOrFail();
    return { row, pdf: Buffer.from(withPdf.pdf) };
  }

  /** Verifies any uploaded PDF against the trusted roots; says when it is a file this system registered. */
  async verify(bytes: Buffer): Promise<RegisteredVerifyReport> {
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new DomainError(DocumentsErrorCode.INVALID_PDF, 'Not a PDF file');
    let report: VerifyReport;
    try {
      report = verifyPdf(bytes, await this.roots.certificates());
    } catch (err) {
      if (err instanceof PdfSyntaxError) throw new DomainError(DocumentsErrorCode.INVALID_PDF, `The PDF cannot be read: ${err.message}`);
      throw err;
    }
    const hash = report.sha256;
    const row = await this.dataSource
      .getRepository(OfficialDocumentEntity)
      .createQueryBuilder('d')
      .where('d.current_sha256 = :h OR d.issued_sha256 = :h', { h: hash })
      .getOne();
    return {
      ...report,
      registered: row ? { id: row.id, numberText: formatDocumentNumber({ number: row.number, symbol: row.symbol }), title: row.title, matchesCurrent: row.currentSha256 === hash } : null,
    };
  }
}
