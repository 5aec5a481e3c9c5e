import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BodyEntity } from '#delegates';
import { OpinionRoundEntity } from '../rounds/opinion-round.entity.js';

export enum ProposalStatus {
  /** Waiting for the body's next meeting. */
  Pending = 'pending',
  /** Added to a meeting's agenda. */
  Taken = 'taken',
  /** Not brought to a meeting, with the reason. */
  Dismissed = 'dismissed',
}

export enum ProposalResult {
  Failed = 'failed',
  Undecided = 'undecided',
}

/** A written round that failed or was not decided, proposed for the agenda of the body's next meeting. */
@Entity('round_proposals')
@Index('ix_round_proposals_body_status', ['bodyId', 'status'])
@Index('uq_round_proposals_round', ['roundId'], { unique: true })
@Check('ck_round_proposals_decided', `("status" = 'pending') = ("decided_at" IS NULL)`)
@Check('ck_round_proposals_taken', `"status" <> 'taken' OR ("meeting_id" IS NOT NULL AND "agenda_item_id" IS NOT NULL)`)
@Check('ck_round_proposals_dismissed', `"status" <> 'dismissed' OR "dismiss_reason" IS NOT NULL`)
export class RoundProposalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** One proposal per round: a round closes once. */
  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @ManyToOne(() => OpinionRoundEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_round_proposals_round' })
  round?: OpinionRoundEntity;

  @Column({ name: 'body_id', type: 'uuid' })
  bodyId: string;

  @ManyToOne(() => BodyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'body_id', foreignKeyConstraintName: 'fk_round_proposals_body' })
  body?: BodyEntity;

  @Column({ type: 'enum', enum: ProposalResult, enumName: 'round_proposal_result' })
  result: ProposalResult;

  @Column({ type: 'enum', enum: ProposalStatus, enumName: 'round_proposal_status', default: ProposalStatus.Pending })
  status: ProposalStatus;

  /** The meeting and agenda item it was taken into (ids owned by #meetings: no foreign key across libraries). */
  @Column({ name: 'meeting_id', type: 'uuid', nullable: true })
  meetingId: string | null;

  @Column({ name: 'agenda_item_id', type: 'uuid', nullable: true })
  agendaItemId: string | null;

  @Column({ name: 'dismiss_reason', type: 'varchar', length: 1000, nullable: true })
  dismissReason: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
