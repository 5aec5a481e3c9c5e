import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '#core';
import { BodyEntity } from '#delegates';
import { MeetingMode, MeetingStatus } from './meeting-status.js';

@Entity('meetings')
@Check('ck_meetings_ends_after_starts', '"ends_at" IS NULL OR "ends_at" > "starts_at"')
@Check('ck_meetings_quorum', '"quorum_numerator" > 0 AND "quorum_numerator" <= "quorum_denominator"')
@Check('ck_meetings_quorum_override', `("quorum_override_basis" IS NULL) = ("quorum_override_by" IS NULL)`)
export class MeetingEntity extends BaseEntity {
  @Index('ix_meetings_body_id')
  @Column({ name: 'body_id', type: 'uuid' })
  bodyId: string;

  @ManyToOne(() => BodyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'body_id', foreignKeyConstraintName: 'fk_meetings_body' })
  body?: BodyEntity;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  location: string | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Column({ type: 'enum', enum: MeetingMode, enumName: 'meeting_mode', default: MeetingMode.Hybrid })
  mode: MeetingMode;

  @Index('ix_meetings_status')
  @Column({ type: 'enum', enum: MeetingStatus, enumName: 'meeting_status', default: MeetingStatus.Draft })
  status: MeetingStatus;

  /** Quorum as a fraction of all members of the body (default 2/3, Vietnamese People's Committee rule). */
  @Column({ name: 'quorum_numerator', type: 'int', default: 2 })
  quorumNumerator: number;

  @Column({ name: 'quorum_denominator', type: 'int', default: 3 })
  quorumDenominator: number;

  /** An administrator set the quorum below the body's legal floor: the legal basis given (printed in the minutes). */
  @Column({ name: 'quorum_override_basis', type: 'varchar', length: 1000, nullable: true })
  quorumOverrideBasis: string | null;

  @Column({ name: 'quorum_override_by', type: 'uuid', nullable: true })
  quorumOverrideBy: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
