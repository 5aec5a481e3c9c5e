import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DelegateEntity } from '#delegates';
import { MeetingEntity } from './meeting.entity.js';

export enum InvitationKind {
  Member = 'member',
  Guest = 'guest',
}

@Entity('meeting_invitations')
@Check('ck_meeting_invitations_guest_no_vote', '"kind" = \'member\' OR NOT "can_vote"')
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
