import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A named lease: timers that must run once across all API instances hold it while they work. */
@Entity('scheduler_leases')
export class LeaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 100 })
  holder: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
