import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '#core';

/** A collective body (e.g. UBND Thành phố Hà Nội) whose membership sets quorum and majority bases. */
@Entity('bodies')
export class BodyEntity extends BaseEntity {
  @Index('uq_bodies_name', { unique: true })
  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  /** Proxy voting is off unless the body's rules allow it. */
  @Column({ name: 'allow_proxy_voting', type: 'boolean', default: false })
  allowProxyVoting: boolean;
}
