import type { DataSource } from 'typeorm';
import type { AuditService } from '#audit';
import type { DescriptorCipher } from './descriptor-cipher.js';

export interface KeyRotationResult {
  rotated: number;
  /** Rows already under the new key (a rerun after a crash between commit and key-file swap). */
  alreadyNew: number;
  fromVersion: number;
  toVersion: number;
}

/**
 * Re-encrypts every face descriptor from one key to the next in ONE transaction: all rows move, or none (a row
 * the old key cannot open aborts the whole rotation, so no descriptor is ever left under a key nobody holds).
 * The audit entry records counts and versions, never key material or biometric data.
 */
export async function rotateDescriptorKey(dataSource: DataSource, audit: AuditService, from: DescriptorCipher, to: DescriptorCipher): Promise<KeyRotationResult> {
  if (from.version === to.version) throw new Error(`The new key needs a new version (both are ${from.version})`);
  return dataSource.transaction(async (em) => {
    const rows = await em.query<{ id: string; descriptor: Uint8Array; key_version: number }[]>(
      `SELECT id, descriptor, key_version FROM face_descriptors ORDER BY id FOR UPDATE`,
    );
    let rotated = 0;
    let alreadyNew = 0;
    const unreadable: string[] = [];
    for (const row of rows) {
      if (row.key_version === to.version) {
        to.decrypt(row.descriptor);
        alreadyNew++;
        continue;
      }
      let plain: Float32Array;
      try {
        plain = from.decrypt(row.descriptor);
      } catch {
        unreadable.push(row.id);
        continue;
      }
      await em.query(`UPDATE face_descriptors SET descriptor = $2, key_version = $3 WHERE id = $1`, [row.id, to.encrypt(plain), to.version]);
      rotated++;
    }
    if (unreadable.length > 0) {
      throw new Error(`${unreadable.length} descriptor(s) cannot be opened with key version ${from.version} (first: ${unreadable[0]}); nothing was changed`);
    }
    await audit.append(
      { action: 'face.key_rotated', entityType: 'face_key', entityId: `v${to.version}`, payload: { rotated, alreadyNew, fromVersion: from.version, toVersion: to.version } },
      em,
    );
    return { rotated, alreadyNew, fromVersion: from.version, toVersion: to.version };
  });
}
