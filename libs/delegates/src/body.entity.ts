import { Check, Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '#core';
import { BodyKind } from '#legal';

/** A collective body (e.g. UBND Thành phố Hà Nội) whose membership sets quorum and majority bases. */
@Entity('bodies')
// no proxy voting in People's Committees and Councils (legal profiles, #legal): a constraint, not only a check in code
@Check('ck_bodies_proxy_profile', `"kind" = 'other' OR NOT "allow_proxy_voting"`)
export class BodyEntity extends BaseEntity {
  @Index('uq_bodies_name', { unique: true })
  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  /** The legal profile (quorum floor, decision types, tie rule, proxies); chosen at creation, never changed. */
  @Column({ type: 'enum', enum: BodyKind, enumName: 'body_kind', default: BodyKind.Other })
  kind: BodyKind;

  /** Proxy voting is off unless the body's rules allow it (bodies of kind `other` only). */
  @Column({ name: 'allow_proxy_voting', type: 'boolean', default: false })
  allowProxyVoting: boolean;
}
