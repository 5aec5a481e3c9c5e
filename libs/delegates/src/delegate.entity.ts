import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '#core';

@Entity('delegates')
// emails are unique regardless of case: a unique index on lower(email), written in the migration
@Index('uq_delegates_email_lower', { synchronize: false })
export class DelegateEntity extends BaseEntity {
  /** Full name with Vietnamese diacritics, stored as given (NFC). */
  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  organization: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null;

  @Column({ name: 'has_voting_right', type: 'boolean', default: true })
  hasVotingRight: boolean;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
