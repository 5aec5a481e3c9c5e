import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row of the tamper-evident audit log. Rows are only ever inserted (by AuditService, under the head lock);
 * hash = sha256(canonical(seq, at, actor, action, entity, meeting, payload, prev_hash)), prev_hash = the previous
 * row's hash (64 zeros for seq 1).
 *
 * seq is assigned by AuditService as head.seq + 1 inside the appending transaction, not by a sequence: a rolled
 * back transaction burns sequence values, and a gap must only ever mean a deleted row.
 */
@Entity('audit_log')
@Index('ix_audit_log_meeting_seq', ['meetingId', 'seq'])
@Index('ix_audit_log_entity', ['entityType', 'entityId'])
@Check('ck_audit_log_seq_positive', '"seq" > 0')
export class AuditEntryEntity {
  /** bigint: node-pg and PGlite hand it over as a decimal string. */
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  /** Set by the service with millisecond precision (the hash covers its ISO form), never by the database. */
  @Column({ type: 'timestamptz' })
  at: Date;

  /** Null for system actions and for secret ballots, which never carry voter identity. */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 20, nullable: true })
  actorRole: string | null;

  /** `<entity>.<event>`: meeting.status_changed, poll.opened, ballot.accepted, attendance.checked_in, face.enrolled... */
  @Column({ type: 'varchar', length: 100 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 50 })
  entityType: string;

  /** Usually a uuid; varchar so receipts and composite keys fit. */
  @Column({ name: 'entity_id', type: 'varchar', length: 100 })
  entityId: string;

  @Column({ name: 'meeting_id', type: 'uuid', nullable: true })
  meetingId: string | null;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
