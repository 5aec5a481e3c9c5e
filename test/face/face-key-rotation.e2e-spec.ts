import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AuditService } from '#audit';
import { DescriptorCipher, FaceEngineHolder, loadOrCreateKeyFile, readKeyFileVersion } from '#face';
import { createDelegate } from '../factories/registry.factory.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const run = promisify(execFile);
const SCRIPT = 'dist/scripts/face-rotate-key.js';

function descriptor(seed: number): Float32Array {
  return Float32Array.from({ length: 128 }, (_, i) => Math.sin(seed * 31 + i) / 10);
}

/** `npm run face:rotate-key` on the embedded key-file set-up: every descriptor moves to the new key, audited. */
(process.env.DATABASE_URL ? describe : describe.skip)('face descriptor key rotation (npm run face:rotate-key)', () => {
  let t: TestApp;
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, DATABASE_URL: t.databaseUrl!, DATA_DIR: t.config.dataDir, MIGRATIONS_RUN: 'false', LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('re-encrypts every descriptor under a new key and version, and the old key opens none of them', async () => {
    const oldCipher = await t.app.get(FaceEngineHolder).descriptorCipher();
    const keyPath = join(t.config.dataDir, 'face.key');
    const oldKeyText = await readFile(keyPath, 'utf8');
    const originals = new Map<string, Float32Array>();
    for (let i = 0; i < 3; i++) {
      const d = await createDelegate(t.dataSource, { fullName: `Người đăng ký ${i}` });
      const [consent] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO face_consents (delegate_id, method, notice_version, given_at) VALUES ($1, 'self', '2026-11', now()) RETURNING id`,
        [d.id],
      );
      for (let k = 0; k < 2; k++) {
        const plain = descriptor(i * 10 + k);
        const [row] = await t.dataSource.query<{ id: string }[]>(
          `INSERT INTO face_descriptors (delegate_id, consent_id, descriptor, key_version, detection_score) VALUES ($1, $2, $3, $4, 0.9) RETURNING id`,
          [d.id, consent.id, oldCipher.encrypt(plain), oldCipher.version],
        );
        originals.set(row.id, plain);
      }
    }

    const { stdout } = await run(process.execPath, [SCRIPT], { env: env() });
    const summary = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(summary).toEqual({ rotated: 6, alreadyNew: 0, fromVersion: 1, toVersion: 2, keyFile: keyPath });

    const newKey = await loadOrCreateKeyFile(keyPath);
    expect(await readFile(keyPath, 'utf8')).not.toBe(oldKeyText);
    expect(await readKeyFileVersion(keyPath)).toBe(2);
    const newCipher = new DescriptorCipher(newKey, 2);
    const rows = await t.dataSource.query<{ id: string; descriptor: Buffer; key_version: number }[]>(`SELECT id, descriptor, key_version FROM face_descriptors`);
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(row.key_version).toBe(2);
      expect(Array.from(newCipher.decrypt(row.descriptor))).toEqual(Array.from(originals.get(row.id)!));
      expect(() => oldCipher.decrypt(row.descriptor)).toThrow();
    }

    const audit = t.app.get(AuditService);
    expect(await audit.verify()).toMatchObject({ ok: true });
    const [entry] = (await audit.list({ limit: 1 })).items;
    expect(entry).toMatchObject({ action: 'face.key_rotated', payload: { rotated: 6, fromVersion: 1, toVersion: 2 } });
    expect(JSON.stringify(entry.payload)).not.toMatch(newKey.toString('base64'));

    // a second run moves on to version 3; a damaged row would abort it whole, leaving everything as it was
    await t.dataSource.query(`UPDATE face_descriptors SET descriptor = set_byte(descriptor, 40, get_byte(descriptor, 40) # 1) WHERE id = $1`, [rows[0].id]);
    const failed = await run(process.execPath, [SCRIPT], { env: env() }).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/1 descriptor\(s\) cannot be opened with key version 2.*nothing was changed/);
    const after = await t.dataSource.query<{ key_version: number }[]>(`SELECT key_version FROM face_descriptors`);
    expect(after.every((r) => r.key_version === 2)).toBe(true);
    expect(await readKeyFileVersion(keyPath)).toBe(2);
    expect((await loadOrCreateKeyFile(keyPath)).equals(newKey)).toBe(true);
  }, 120_000);
});
