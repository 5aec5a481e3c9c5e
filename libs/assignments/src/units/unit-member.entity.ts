import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DelegateEntity } from '#delegates';
import { UnitEntity } from './unit.entity.js';

/**
 * A delegate working for a unit: their logins see and update the unit's tasks. Kept here rather than as a column on
 * delegates so the registry does not depend on this library; one unit per delegate (the primary key).
 */
@Entity('unit_members')
export class UnitMemberEntity {
  @PrimaryColumn({ name: 'delegate_id', type: 'uuid' })
  delegateId: string;

  @ManyToOne(() => DelegateEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegate_id', foreignKeyConstraintName: 'fk_unit_members_delegate' })
  delegate?: DelegateEntity;

  @Index('ix_unit_members_unit_id')
  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_unit_members_unit' })
  unit?: UnitEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
