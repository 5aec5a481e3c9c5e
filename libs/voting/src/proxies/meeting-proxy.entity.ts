import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '#core';
import { DelegateEntity } from '#delegates';
import { MeetingEntity } from '#meetings';

/**
 * A proxy ("ủy quyền biểu quyết") for one meeting: the acting delegate votes for the represented one. Active while
 * revoked_at is null; the partial unique indexes keep one active proxy per represented and per acting delegate.
 */
@Entity('meeting_proxies')
@Index('uq_meeting_proxies_represented_active', ['meetingId', 'representedDelegateId'], { unique: true, where: '"revoked_at" IS NULL' })
@Index('uq_meeting_proxies_acting_active', ['meetingId', 'actingDelegateId'], { unique: true, where: '"revoked_at" IS NULL' })
@Check('ck_meeting_proxies_distinct', '"acting_delegate_id" <> "represented_delegate_id"')
export class MeetingProxyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_meeting_proxies_meeting' })
  meeting?: MeetingEntity;

  /** The absent member whose vote this proxy carries. */
  @Index('ix_meeting_proxies_represented_delegate_id')
  @Column({ name: 'represented_delegate_id', type: 'uuid' })
  representedDelegateId: string;

  @ManyToOne(() => DelegateEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'represented_delegate_id', foreignKeyConstraintName: 'fk_meeting_proxies_represented_delegate' })
  representedDelegate?: DelegateEntity;

  /** The present member who casts the represented member's ballot. */
  @Index('ix_meeting_proxies_acting_delegate_id')
  @Column({ name: 'acting_delegate_id', type: 'uuid' })
  actingDelegateId: string;

  @ManyToOne(() => DelegateEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'acting_delegate_id', foreignKeyConstraintName: 'fk_meeting_proxies_acting_delegate' })
  actingDelegate?: DelegateEntity;

  @Column({ name: 'registered_by', type: 'uuid', nullable: true })
  registeredBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'registered_by', foreignKeyConstraintName: 'fk_meeting_proxies_registered_by' })
  registrar?: UserEntity | null;

  /** Free text from the secretary (e.g. the reason given). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  /** Reference of the signed proxy letter ("Giấy ủy quyền số ..."), as written on paper. */
  @Column({ name: 'document_ref', type: 'varchar', length: 200, nullable: true })
  documentRef: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'revoked_by', foreignKeyConstraintName: 'fk_meeting_proxies_revoked_by' })
  revoker?: UserEntity | null;
}
