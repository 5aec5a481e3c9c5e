import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { DomainError, ErrorCode } from '#core';
import { BodyMemberEntity } from '../body-member.entity.js';
import { BodyEntity } from '../body.entity.js';
import { DelegateEntity } from '../delegate.entity.js';
import { rethrowDuplicateEmail } from '../delegates/delegates.service.js';
import { readDelegateTable } from './delegate-file.reader.js';
import { mapHeader, validateRows, type ImportRowError, type ValidRow } from './delegate-import.rules.js';

export interface ImportOptions {
  bodyId?: string;
  partial?: boolean;
}

export interface ImportResult {
  imported: number;
  skipped: number;
  errors: ImportRowError[];
  ids: string[];
}

const CHUNK = 500;

/**
 * Imports delegates from CSV/XLSX. Every row is checked like a create (plus e-mails repeated in the file or already
 * registered); by default one bad row rejects the whole file, with `partial` the good rows go in, in one transaction.
 */
@Injectable()
export class ImportDelegatesUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(file: Buffer, options: ImportOptions): Promise<ImportResult> {
    const table = await readDelegateTable(file);
    const [header, ...rows] = table;
    const columns = mapHeader(header?.cells ?? []);
    const { valid, errors } = validateRows(rows, columns);

    return this.dataSource.transaction(async (em) => {
      if (options.bodyId && !(await em.exists(BodyEntity, { where: { id: options.bodyId } }))) throw DomainError.notFound('Body', options.bodyId);
      const taken = await this.registeredEmails(
        em.getRepository(DelegateEntity),
        valid.map((r) => r.fields.email).filter((e): e is string => e !== null),
      );
      const accepted: ValidRow[] = [];
      for (const row of valid) {
        if (row.fields.email && taken.has(row.fields.email)) errors.push({ line: row.line, column: 'email', reason: 'a delegate with this e-mail is already registered' });
        else accepted.push(row);
      }
      errors.sort((a, b) => a.line - b.line);
      if (errors.length > 0 && !options.partial) {
        throw new DomainError(ErrorCode.IMPORT_INVALID, `${new Set(errors.map((e) => e.line)).size} row(s) are invalid; nothing was imported`, { errors });
      }
      const ids: string[] = [];
      for (let i = 0; i < accepted.length; i += CHUNK) {
        const chunk = accepted.slice(i, i + CHUNK);
        const result = await em
          .insert(
            DelegateEntity,
            chunk.map((r) => ({ ...r.fields, active: true })),
          )
          .catch((e: unknown) => rethrowDuplicateEmail(e, chunk.find((r) => r.fields.email)?.fields.email ?? null));
        ids.push(...result.identifiers.map((x) => String(x.id)));
      }
      if (options.bodyId && ids.length > 0) {
        const bodyId = options.bodyId;
        for (let i = 0; i < ids.length; i += CHUNK) {
          await em.insert(
            BodyMemberEntity,
            ids.slice(i, i + CHUNK).map((delegateId) => ({ bodyId, delegateId, position: null })),
          );
        }
      }
      return { imported: ids.length, skipped: new Set(errors.map((e) => e.line)).size, errors, ids };
    });
  }

  private async registeredEmails(repo: Repository<DelegateEntity>, emails: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < emails.length; i += CHUNK) {
      const rows = await repo
        .createQueryBuilder('d')
        .select('lower(d.email)', 'email')
        .where('lower(d.email) IN (:...emails)', { emails: emails.slice(i, i + CHUNK) })
        .getRawMany<{ email: string }>();
      rows.forEach((r) => found.add(r.email));
    }
    return found;
  }
}
