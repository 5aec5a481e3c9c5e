import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '#core';
import { DelegateEntity } from '#delegates';
import { AssignmentsErrorCode } from '../assignments.errors.js';
import { UnitMemberEntity } from './unit-member.entity.js';
import { UnitEntity } from './unit.entity.js';
import type { AddUnitMemberDto, CreateUnitDto, UnitView, UpdateUnitDto } from './units.dto.js';

/** The units registry and who works for which unit. */
@Injectable()
export class UnitsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<UnitView[]> {
    const units = await this.dataSource.getRepository(UnitEntity).find({ order: { code: 'ASC' } });
    const members = await this.dataSource.getRepository(UnitMemberEntity).find({ order: { createdAt: 'ASC' } });
    return units.map((u) => toView(u, members.filter((m) => m.unitId === u.id)));
  }

  async get(id: string): Promise<UnitView> {
    const unit = await this.getOrFail(id);
    const members = await this.dataSource.getRepository(UnitMemberEntity).find({ where: { unitId: id }, order: { createdAt: 'ASC' } });
    return toView(unit, members);
  }

  async getOrFail(id: string, em?: EntityManager): Promise<UnitEntity> {
    const unit = await (em ?? this.dataSource.manager).getRepository(UnitEntity).findOne({ where: { id } });
    if (!unit) throw DomainError.notFound('Unit', id);
    return unit;
  }

  /** Every id must name a unit; answers 422 listing the unknown ones. */
  async assertExist(ids: string[], em?: EntityManager): Promise<void> {
    if (ids.length === 0) return;
    const found = await (em ?? this.dataSource.manager).getRepository(UnitEntity).find({ where: { id: In(ids) }, select: { id: true } });
    const missing = ids.filter((id) => !found.some((u) => u.id === id));
    if (missing.length > 0) throw new DomainError(ErrorCode.VALIDATION_FAILED, `Unknown unit(s): ${missing.join(', ')}`, { missing });
  }

  async create(dto: CreateUnitDto): Promise<UnitView> {
    const repo = this.dataSource.getRepository(UnitEntity);
    if (dto.parentId) await this.getOrFail(dto.parentId);
    const unit = await repo.save(repo.create({ code: dto.code.trim(), name: dto.name.trim(), parentId: dto.parentId ?? null }));
    return toView(unit, []);
  }

  async update(id: string, dto: UpdateUnitDto): Promise<UnitView> {
    await this.dataSource.transaction(async (em) => {
      const unit = await this.getOrFail(id, em);
      if (dto.code !== undefined) unit.code = dto.code.trim();
      if (dto.name !== undefined) unit.name = dto.name.trim();
      if (dto.parentId !== undefined) {
        if (dto.parentId !== null) await assertNoCycle(em, id, dto.parentId);
        unit.parentId = dto.parentId;
      }
      await em.getRepository(UnitEntity).save(unit);
    });
    return this.get(id);
  }

  /** Refused (409 UNIT_IN_USE) while a task names the unit; the foreign keys back this up against races. */
  remove(id: string): Promise<void> {
    return this.dataSource.transaction(async (em) => {
      await this.getOrFail(id, em);
      const [{ n }] = await em.query<{ n: number }[]>(
        `SELECT (SELECT count(*) FROM assignment_tasks WHERE lead_unit_id = $1) + (SELECT count(*) FROM assignment_task_cooperators WHERE unit_id = $1) AS n`,
        [id],
      );
      if (Number(n) > 0) throw new DomainError(AssignmentsErrorCode.UNIT_IN_USE, 'The unit is named on tasks and cannot be deleted', { tasks: Number(n) });
      await em.getRepository(UnitEntity).delete({ id });
    });
  }

  /** Puts the delegate in this unit (moving them out of any other). */
  async addMember(unitId: string, dto: AddUnitMemberDto): Promise<UnitView> {
    await this.getOrFail(unitId);
    if (!(await this.dataSource.getRepository(DelegateEntity).exists({ where: { id: dto.delegateId } }))) throw DomainError.notFound('Delegate', dto.delegateId);
    await this.dataSource.getRepository(UnitMemberEntity).upsert({ delegateId: dto.delegateId, unitId }, ['delegateId']);
    return this.get(unitId);
  }

  async removeMember(unitId: string, delegateId: string): Promise<void> {
    const result = await this.dataSource.getRepository(UnitMemberEntity).delete({ unitId, delegateId });
    if (!result.affected) throw DomainError.notFound('Unit member', delegateId);
  }

  /** The unit a delegate works for, or null. */
  async unitOfDelegate(delegateId: string | null, em?: EntityManager): Promise<string | null> {
    if (!delegateId) return null;
    const m = await (em ?? this.dataSource.manager).getRepository(UnitMemberEntity).findOne({ where: { delegateId } });
    return m?.unitId ?? null;
  }

  async memberDelegateIds(unitId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(UnitMemberEntity).find({ where: { unitId }, select: { delegateId: true } });
    return rows.map((r) => r.delegateId);
  }
}

async function assertNoCycle(em: EntityManager, id: string, parentId: string): Promise<void> {
  const repo = em.getRepository(UnitEntity);
  let cursor: string | null = parentId;
  // the chain is short (a handful of levels); the bound stops a corrupt loop from spinning
  for (let depth = 0; cursor && depth < 100; depth++) {
    if (cursor === id) throw new DomainError(AssignmentsErrorCode.UNIT_CYCLE, 'A unit cannot be placed under itself or one of its sub-units');
    const next: UnitEntity | null = await repo.findOne({ where: { id: cursor } });
    if (!next) throw DomainError.notFound('Unit', cursor);
    cursor = next.parentId;
  }
}

function toView(u: UnitEntity, members: UnitMemberEntity[]): UnitView {
  return { id: u.id, code: u.code, name: u.name, parentId: u.parentId, memberDelegateIds: members.map((m) => m.delegateId) };
}
