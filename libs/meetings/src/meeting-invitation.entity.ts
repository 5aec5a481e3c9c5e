import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DelegateEntity } from '#delegates';
import { MeetingEntity } from './meeting.entity.js';

export enum InvitationKind {
  Member = 'member',
  Guest = 'guest',
  /** Người dự thay: attends for a named member, may speak, never votes, never counts toward the quorum. */
  Substitute = 'substitute',
}

@Entity('meeting_invitations')
@Check('ck_meeting_invitations_guest_no_vote', '"kind" = \'member\' OR NOT "can_vote"')
// compared as text: a value added to an enum cannot be used as an enum literal in the migration that adds it
@Check('ck_meeting_invitations_substitute_for', '("kind"::text = \'substitute\') = ("substitute_for" IS NOT NULL)')
export class MeetingInvitationEntity {
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @Index('ix_meeting_invitations_delegate_id')
  @PrimaryColumn({ name: 'delegate_id', type: 'uuid' })
  delegateId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_meeting_invitations_meeting' })
  meeting?: MeetingEntity;

  @ManyToOne(() => DelegateEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegate_id', foreignKeyConstraintName: 'fk_meeting_invitations_delegate' })
  delegate?: DelegateEntity;

  @Column({ type: 'enum', enum: InvitationKind, enumName: 'invitation_kind', default: InvitationKind.Member })
  kind: InvitationKind;

  /** Frozen at invitation: guests never vote, members vote when the registry says so. */
  @Column({ name: 'can_vote', type: 'boolean' })
  canVote: boolean;

  /** For a substitute: the member they attend for (a member invited to the same meeting). */
  @Column({ name: 'substitute_for', type: 'uuid', nullable: true })
  substituteFor: string | null;

  @ManyToOne(() => DelegateEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'substitute_for', foreignKeyConstraintName: 'fk_meeting_invitations_substitute_for' })
  substituteForDelegate?: DelegateEntity;

  /** When the invitation notice was last sent (in-app, and by mail when SMTP_URL is set); null: not yet sent. */
  @Column({ name: 'notified_at', type: 'timestamptz', nullable: true })
  notifiedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
