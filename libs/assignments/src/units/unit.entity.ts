import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '#core';

/** An agency or department (cơ quan, đơn vị) that can lead or cooperate on a task. */
@Entity('units')
@Check('ck_units_not_own_parent', '"parent_id" IS NULL OR "parent_id" <> "id"')
export class UnitEntity extends BaseEntity {
  @Index('uq_units_code', { unique: true })
  @Column({ type: 'varchar', length: 50 })
  code: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Index('ix_units_parent_id')
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => UnitEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_units_parent' })
  parent?: UnitEntity | null;
}
