import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import { DomainError, ErrorCode, mapDatabaseError } from '#core';
import { BodyMemberEntity } from '../body-member.entity.js';
import { BodyEntity } from '../body.entity.js';
import { DelegateEntity } from '../delegate.entity.js';
import { BodyKind, decisionTypeViews, describeRule, describeTie, locked, profileOf } from '#legal';
import type { BodyDetailView, BodyMemberView, BodyView, CreateBodyDto, ProfileSummary, UpdateBodyDto } from './bodies.dto.js';

export interface MemberQuery {
  /** Only members with a voting right (the base for "majority of all members"). */
  votingOnly?: boolean;
}

export function duplicateBodyName(name: string): DomainError {
  return new DomainError(ErrorCode.DUPLICATE, `A body named "${name}" already exists`, { field: 'name', value: name });
}

/**
 * Collective bodies and their membership. Other libraries use countMembers/listMemberIds for quorum and
 * "majority of all members": members are counted only while their delegate record is active.
 */
@Injectable()
export class BodiesService {
  constructor(
    @InjectRepository(BodyEntity) private readonly bodies: Repository<BodyEntity>,
    @InjectRepository(BodyMemberEntity) private readonly members: Repository<BodyMemberEntity>,
  ) {}

  private memberQuery(bodyId: string, query: MemberQuery, em?: EntityManager) {
    const repo = em ? em.getRepository(BodyMemberEntity) : this.members;
    const qb = repo
      .createQueryBuilder('m')
      .innerJoin(DelegateEntity, 'd', 'd.id = m.delegate_id')
      .where('m.body_id = :bodyId', { bodyId })
      .andWhere('d.active = true');
    if (query.votingOnly) qb.andWhere('d.has_voting_right = true');
    return qb;
  }

  /** Active members of the body (pass `em` inside a transaction). */
  countMembers(bodyId: string, query: MemberQuery = {}, em?: EntityManager): Promise<number> {
    return this.memberQuery(bodyId, query, em).getCount();
  }

  /** Delegate ids of the active members, sorted. */
  async listMemberIds(bodyId: string, query: MemberQuery = {}, em?: EntityManager): Promise<string[]> {
    const rows = await this.memberQuery(bodyId, query, em).select('m.delegate_id', 'id').orderBy('m.delegate_id').getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  async exists(bodyId: string): Promise<boolean> {
    return this.bodies.exists({ where: { id: bodyId } });
  }

  async list(): Promise<BodyView[]> {
    const bodies = await this.bodies.find({ order: { name: 'ASC' } });
    const counts = await this.members
      .createQueryBuilder('m')
      .innerJoin(DelegateEntity, 'd', 'd.id = m.delegate_id AND d.active = true')
      .select('m.body_id', 'bodyId')
      .addSelect('count(*)::int', 'n')
      .groupBy('m.body_id')
      .getRawMany<{ bodyId: string; n: number | string }>();
    const byBody = new Map(counts.map((c) => [c.bodyId, Number(c.n)]));
    return bodies.map((b) => this.view(b, byBody.get(b.id) ?? 0));
  }

  async get(id: string): Promise<BodyDetailView> {
    const body = await this.load(id);
    const rows = await this.members
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.delegate', 'd')
      .where('m.body_id = :id', { id })
      .orderBy('d.full_name', 'ASC')
      .getMany();
    const members: BodyMemberView[] = rows.map((m) => ({
      delegateId: m.delegateId,
      fullName: m.delegate?.fullName ?? '',
      title: m.delegate?.title ?? null,
      organization: m.delegate?.organization ?? null,
      position: m.position,
      hasVotingRight: m.delegate?.hasVotingRight ?? false,
      active: m.delegate?.active ?? false,
      joinedAt: m.joinedAt,
    }));
    return { ...this.view(body, members.filter((m) => m.active).length), members };
  }

  async create(dto: CreateBodyDto): Promise<BodyDetailView> {
    const kind = dto.kind ?? BodyKind.Other;
    assertProxySetting(kind, dto.allowProxyVoting);
    if (await this.bodies.exists({ where: { name: dto.name } })) throw duplicateBodyName(dto.name);
    const body = await this.bodies
      .save(this.bodies.create({ name: dto.name, description: dto.description ?? null, kind, allowProxyVoting: dto.allowProxyVoting ?? false }))
      .catch((e: unknown) => this.rethrowName(e, dto.name));
    return this.get(body.id);
  }

  async update(id: string, dto: UpdateBodyDto): Promise<BodyDetailView> {
    const body = await this.load(id);
    if (dto.name !== undefined && dto.name !== body.name) {
      if (await this.bodies.exists({ where: { name: dto.name } })) throw duplicateBodyName(dto.name);
      body.name = dto.name;
    }
    if (dto.description !== undefined) body.description = dto.description;
    assertProxySetting(body.kind, dto.allowProxyVoting);
    if (dto.allowProxyVoting !== undefined) body.allowProxyVoting = dto.allowProxyVoting;
    await this.bodies.save(body).catch((e: unknown) => this.rethrowName(e, body.name));
    return this.get(id);
  }

  async removeMember(bodyId: string, delegateId: string): Promise<void> {
    await this.load(bodyId);
    const result = await this.members.delete({ bodyId, delegateId });
    if (!result.affected) throw new DomainError(ErrorCode.NOT_FOUND, `Delegate ${delegateId} is not a member of body ${bodyId}`);
  }

  private async load(id: string): Promise<BodyEntity> {
    const body = await this.bodies.findOne({ where: { id } });
    if (!body) throw DomainError.notFound('Body', id);
    return body;
  }

  private view(b: BodyEntity, memberCount: number): BodyView {
    return {
      id: b.id,
      name: b.name,
      description: b.description,
      allowProxyVoting: b.allowProxyVoting,
      kind: b.kind,
      profile: profileSummary(b.kind),
      memberCount,
      createdAt: b.createdAt,
      updatedAt: b.updatedAt,
    };
  }

  private rethrowName(error: unknown, name: string): never {
    const mapped = mapDatabaseError(error);
    if (mapped?.code === ErrorCode.DUPLICATE && (mapped.details as { constraint?: string } | undefined)?.constraint === 'uq_bodies_name') throw duplicateBodyName(name);
    throw error;
  }
}

/** Proxy voting only where the profile has proxies (People's Committees and Councils: never). */
function assertProxySetting(kind: BodyKind, allowProxyVoting: boolean | undefined): void {
  const profile = profileOf(kind);
  if (allowProxyVoting && !profile.proxies) {
    throw locked(`Proxy voting is not allowed in a ${profile.label.en}: ${profile.proxyBasis}`, { field: 'allowProxyVoting', basis: profile.proxyBasis });
  }
}

/** The profile in words for the bodies screen and the API. */
export function profileSummary(kind: BodyKind): ProfileSummary {
  const p = profileOf(kind);
  return {
    label: p.label,
    locked: p.locked,
    quorum: {
      vi: p.quorumFloor ? `Ít nhất ${p.quorumFloor.num}/${p.quorumFloor.den} tổng số ${p.memberNoun.vi} có mặt` : 'Theo điều lệ của tổ chức',
      en: p.quorumFloor ? `At least ${p.quorumFloor.num}/${p.quorumFloor.den} of all ${p.memberNoun.en} present` : "Per the body's charter",
      basis: p.quorumBasis,
    },
    proxies: { allowed: p.proxies, basis: p.proxyBasis },
    tie: { rule: p.tie, ...describeTie(p.tie, { vi: `tổng số ${p.memberNoun.vi}`, en: `all ${p.memberNoun.en}` }), basis: p.tieBasis },
    decisionTypes: decisionTypeViews(p),
    writtenRound: p.writtenRound ? { rule: describeRule(p.writtenRound.rule, p.memberNoun), basis: p.writtenRound.basis } : null,
  };
}
