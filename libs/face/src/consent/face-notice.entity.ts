import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The biometric notice text of each version, frozen when the version first came into force: a consent points to
 * it by version and SHA-256 (Law 91/2025/QH15 Art. 9: consent is valid only if the person knew what they agreed to).
 */
@Entity('face_notices')
export class FaceNoticeEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  version: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'text' })
  text: string;

  /** First start-up with this version configured; a grace period for older consents runs from here. */
  @Column({ name: 'in_force_from', type: 'timestamptz' })
  inForceFrom: Date;
}
