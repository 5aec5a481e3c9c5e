import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, mapDatabaseError } from '#core';
import { BodyMemberEntity } from '../body-member.entity.js';
import { BodyEntity } from '../body.entity.js';
import { DelegateEntity } from '../delegate.entity.js';
import type { AddMemberDto } from './bodies.dto.js';

/** Adds an active delegate to a body; a delegate is a member at most once (the primary key decides). */
@Injectable()
export class AddBodyMemberUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(bodyId: string, dto: AddMemberDto): Promise<void> {
    await this.dataSource
      .transaction(async (em) => {
        if (!(await em.exists(BodyEntity, { where: { id: bodyId } }))) throw DomainError.notFound('Body', bodyId);
        const delegate = await em.findOne(DelegateEntity, { where: { id: dto.delegateId } });
        if (!delegate) throw DomainError.notFound('Delegate', dto.delegateId);
        if (!delegate.active) throw new DomainError(ErrorCode.CONFLICT, 'The delegate is deactivated; reactivate them first', { delegateId: dto.delegateId });
        if (await em.exists(BodyMemberEntity, { where: { bodyId, delegateId: dto.delegateId } })) throw alreadyMember(dto.delegateId);
        await em.insert(BodyMemberEntity, { bodyId, delegateId: dto.delegateId, position: dto.position ?? null });
      })
      .catch((e: unknown) => {
        if (mapDatabaseError(e)?.code === ErrorCode.DUPLICATE) throw alreadyMember(dto.delegateId);
        throw e;
      });
  }
}

function alreadyMember(delegateId: string): DomainError {
  return new DomainError(ErrorCode.DUPLICATE, 'The delegate is already a member of this body', { field: 'delegateId', value: delegateId });
}
