import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The single row (id = 1) naming the last audit entry. Appends lock it (upsert + row lock), so they are serialised
 * and the chain cannot fork; verify compares it with the last row, so deleting the newest rows is detected too.
 */
@Entity('audit_head')
@Check('ck_audit_head_single_row', '"id" = 1')
export class AuditHeadEntity {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  /** 0 while the log is empty. */
  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'char', length: 64 })
  hash: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
