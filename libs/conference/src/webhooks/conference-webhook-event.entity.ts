import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Every accepted LiveKit webhook, keyed by its event id: a redelivered event finds its row and does nothing. */
@Entity('conference_webhook_events')
export class ConferenceWebhookEventEntity {
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 64 })
  eventId: string;

  @Column({ type: 'varchar', length: 40 })
  event: string;

  @Column({ name: 'room_name', type: 'varchar', length: 100, nullable: true })
  roomName: string | null;

  @Column({ name: 'participant_sid', type: 'varchar', length: 64, nullable: true })
  participantSid: string | null;

  /** When LiveKit says it happened. */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
