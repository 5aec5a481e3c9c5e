import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';
import { Role } from './role.enum.js';

@Entity('users')
export class UserEntity extends BaseEntity {
  @Index('uq_users_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Column({ type: 'enum', enum: Role, enumName: 'user_role' })
  role: Role;

  /** A delegate's (or chair's) login is tied to the registry record that votes. */
  @Index('ix_users_delegate_id')
  @Column({ name: 'delegate_id', type: 'uuid', nullable: true })
  delegateId: string | null;

  // referenced by name so core does not import the delegates library
  @ManyToOne('DelegateEntity', { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'delegate_id', foreignKeyConstraintName: 'fk_users_delegate' })
  delegate?: unknown;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
