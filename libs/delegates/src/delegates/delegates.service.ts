import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { DomainError, ErrorCode, mapDatabaseError } from '#core';
import { cleanText, escapeLike, foldAccents, SQL_FOLD_TRANSLATION } from '../common/text.js';
import { DelegateEntity } from '../delegate.entity.js';
import type { CreateDelegateDto, DelegateFilterDto, DelegateView, ListDelegatesQueryDto, UpdateDelegateDto } from './delegates.dto.js';

export const EMAIL_INDEX = 'uq_delegates_email_lower';

export function toDelegateView(d: DelegateEntity): DelegateView {
  return {
    id: d.id,
    fullName: d.fullName,
    title: d.title,
    organization: d.organization,
    email: d.email,
    phone: d.phone,
    hasVotingRight: d.hasVotingRight,
    active: d.active,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export function duplicateEmail(email: string): DomainError {
  return new DomainError(ErrorCode.DUPLICATE, `A delegate with e-mail ${email} already exists`, { field: 'email', value: email });
}

/** The unique index on lower(email) decides; a concurrent insert that loses the race gets the same 409 as the pre-check. */
export function rethrowDuplicateEmail(error: unknown, email: string | null): never {
  const mapped = mapDatabaseError(error);
  if (mapped?.code === ErrorCode.DUPLICATE && email && (mapped.details as { constraint?: string } | undefined)?.constraint === EMAIL_INDEX) {
    throw duplicateEmail(email);
  }
  throw error;
}

/** Delegate registry reads and simple writes (create, edit, deactivate/reactivate). */
@Injectable()
export class DelegatesService {
  constructor(@InjectRepository(DelegateEntity) private readonly delegates: Repository<DelegateEntity>) {}

  /** Delegates matching the filter, in the Vietnamese list order (given name first), accents ignored. */
  filtered(filter: DelegateFilterDto, em?: EntityManager): SelectQueryBuilder<DelegateEntity> {
    const repo = em ? em.getRepository(DelegateEntity) : this.delegates;
    const qb = repo.createQueryBuilder('d').setParameters({ foldFrom: SQL_FOLD_TRANSLATION.from, foldTo: SQL_FOLD_TRANSLATION.to });
    if (filter.active !== undefined) qb.andWhere('d.active = :active', { active: filter.active });
    if (filter.bodyId) qb.andWhere('EXISTS (SELECT 1 FROM body_members m WHERE m.delegate_id = d.id AND m.body_id = :bodyId)', { bodyId: filter.bodyId });
    const needle = filter.q ? foldAccents(cleanText(filter.q)) : '';
    if (needle) {
      qb.andWhere(
        `(lower(translate(d.full_name, :foldFrom, :foldTo)) LIKE :needle ESCAPE '\\'
          OR lower(translate(coalesce(d.organization, ''), :foldFrom, :foldTo)) LIKE :needle ESCAPE '\\'
          OR lower(coalesce(d.email, '')) LIKE :needle ESCAPE '\\')`,
        { needle: `%${escapeLike(needle)}%` },
      );
    }
    // Vietnamese list order, as everywhere (#core compareVietnameseNames): given name (last word) first, then the whole
    // name; accents folded, Đ after every D (folded to 'dz')
    const key = (col: string): string => `lower(translate(replace(replace(${col}, 'đ', 'dz'), 'Đ', 'Dz'), :foldFrom, :foldTo))`;
    return qb
      .orderBy(key(`regexp_replace(trim(d.full_name), '^.*\\s', '')`), 'ASC')
      .addOrderBy(key('d.full_name'), 'ASC')
      .addOrderBy('d.id', 'ASC');
  }

  async list(query: ListDelegatesQueryDto): Promise<{ items: DelegateView[]; total: number }> {
    const [rows, total] = await this.filtered(query)
      .offset(query.offset ?? 0)
      .limit(query.limit ?? 50)
      .getManyAndCount();
    return { items: rows.map(toDelegateView), total };
  }

  async get(id: string): Promise<DelegateView> {
    return toDelegateView(await this.load(id));
  }

  async create(dto: CreateDelegateDto): Promise<DelegateView> {
    const email = dto.email ?? null;
    if (email) await this.assertEmailFree(email);
    const entity = this.delegates.create({
      fullName: dto.fullName,
      title: dto.title ?? null,
      organization: dto.organization ?? null,
      email,
      phone: dto.phone ?? null,
      hasVotingRight: dto.hasVotingRight ?? true,
      active: true,
    });
    const saved = await this.delegates.save(entity).catch((e: unknown) => rethrowDuplicateEmail(e, email));
    return toDelegateView(saved);
  }

  async update(id: string, dto: UpdateDelegateDto): Promise<DelegateView> {
    const delegate = await this.load(id);
    if (dto.email && dto.email !== delegate.email) await this.assertEmailFree(dto.email, id);
    if (dto.fullName !== undefined) delegate.fullName = dto.fullName;
    if (dto.title !== undefined) delegate.title = dto.title;
    if (dto.organization !== undefined) delegate.organization = dto.organization;
    if (dto.email !== undefined) delegate.email = dto.email;
    if (dto.phone !== undefined) delegate.phone = dto.phone;
    if (dto.hasVotingRight !== undefined) delegate.hasVotingRight = dto.hasVotingRight;
    const saved = await this.delegates.save(delegate).catch((e: unknown) => rethrowDuplicateEmail(e, delegate.email));
    return toDelegateView(saved);
  }

  /** Delegates are never deleted: attendance, ballots and opinions keep pointing at them. */
  async setActive(id: string, active: boolean): Promise<DelegateView> {
    const delegate = await this.load(id);
    if (delegate.active !== active) {
      delegate.active = active;
      await this.delegates.save(delegate);
    }
    return toDelegateView(delegate);
  }

  private async load(id: string): Promise<DelegateEntity> {
    const delegate = await this.delegates.findOne({ where: { id } });
    if (!delegate) throw DomainError.notFound('Delegate', id);
    return delegate;
  }

  private async assertEmailFree(email: string, exceptId?: string): Promise<void> {
    const qb = this.delegates.createQueryBuilder('d').where('lower(d.email) = :email', { email: email.toLowerCase() });
    if (exceptId) qb.andWhere('d.id <> :exceptId', { exceptId });
    if (await qb.getExists()) throw duplicateEmail(email);
  }
}
