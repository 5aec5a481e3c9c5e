import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BodyEntity } from './body.entity.js';
import { DelegateEntity } from './delegate.entity.js';

@Entity('body_members')
export class BodyMemberEntity {
  @PrimaryColumn({ name: 'body_id', type: 'uuid' })
  bodyId: string;

  @Index('ix_body_members_delegate_id')
  @PrimaryColumn({ name: 'delegate_id', type: 'uuid' })
  delegateId: string;

  @ManyToOne(() => BodyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id', foreignKeyConstraintName: 'fk_body_members_body' })
  body?: BodyEntity;

  @ManyToOne(() => DelegateEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegate_id', foreignKeyConstraintName: 'fk_body_members_delegate' })
  delegate?: DelegateEntity;

  /** Position in the body, e.g. "Chủ tịch", "Phó Chủ tịch", "Ủy viên". */
  @Column({ type: 'varchar', length: 200, nullable: true })
  position: string | null;

  @CreateDateColumn({ name: 'joined_at', type: 'timestamptz' })
  joinedAt: Date;
}
