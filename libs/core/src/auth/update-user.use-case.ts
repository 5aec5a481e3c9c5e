import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError } from '../errors/domain.error.js';
import type { UpdateUserDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import { passwordHasher } from './password-hasher.js';
import type { RevocationReason } from './session-revocations.js';
import { UserEntity } from './user.entity.js';

/**
 * An administrator edits an account. A new password, a deactivation, or a new role or delegate link ends every
 * session of that account at once (a stolen refresh token dies with the reset; a token carrying the old role or
 * delegate cannot keep acting, over HTTP or an open socket).
 */
@Injectable()
export class UpdateUserUseCase {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly auth: AuthService,
  ) {}

  async execute(id: string, dto: UpdateUserDto): Promise<UserEntity> {
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw DomainError.notFound('User', id);
    const patch: Partial<Pick<UserEntity, 'displayName' | 'role' | 'delegateId' | 'active' | 'passwordHash'>> = {};
    if (dto.displayName !== undefined) patch.displayName = dto.displayName;
    if (dto.role !== undefined) patch.role = dto.role;
    if (dto.delegateId !== undefined) patch.delegateId = dto.delegateId;
    if (dto.active !== undefined) patch.active = dto.active;
    if (dto.password !== undefined) patch.passwordHash = await passwordHasher.hash(dto.password);
    if (Object.keys(patch).length > 0) await this.users.update({ id }, patch);
    const reason = revocationFor(user, patch);
    if (reason) await this.auth.revokeAllSessions(id, reason);
    return this.users.findOneOrFail({ where: { id } });
  }
}

function revocationFor(before: UserEntity, patch: Partial<UserEntity>): RevocationReason | null {
  if (patch.active === false && before.active) return 'deactivated';
  if (patch.passwordHash !== undefined) return 'password_changed';
  if ((patch.role !== undefined && patch.role !== before.role) || (patch.delegateId !== undefined && patch.delegateId !== before.delegateId)) return 'role_changed';
  return null;
}
