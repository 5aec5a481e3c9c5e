import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditService } from '#audit';
import { Clock, ConfigError, loadConfig } from '#core';
import { DescriptorCipher, loadOrCreateKeyFile, parseKey, promoteStagedKeyFile, readKeyFileVersion, rotateDescriptorKey, stageKeyFile } from '#face';
import { createDataSource } from '../apps/api/src/database/data-source.js';
import { parseArgs } from './lib/server-process.js';

/**
 * npm run face:rotate-key -- [--new-key-file FILE] [--new-version N] [--out FILE]
 *
 * Re-encrypts every face descriptor under a new AES-256-GCM key, in one transaction, with an audit entry.
 * Old key: FACE_KEY + FACE_KEY_VERSION, or DATA_DIR/face.key (+ face.key.version) in the embedded set-up.
 * New key: --new-key-file (32 bytes, base64 or hex), else 32 random bytes; version: --new-version, else old + 1.
 * Embedded set-up: the new key is staged as face.key.next before the database changes and replaces face.key
 * after the commit. FACE_KEY set-up: the new key is written to --out (mode 0600, must not exist) before the
 * database changes; then set FACE_KEY to its content and FACE_KEY_VERSION to the new version on every instance
 * and restart them. Stop the embedded server first (PGlite allows one process).
 * Last line: {"rotated","alreadyNew","fromVersion","toVersion","keyFile"}.
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const keyPath = join(config.dataDir, 'face.key');
  const fromEnv = config.face.key !== null;
  if (!fromEnv && !existsSync(keyPath)) throw new Error(`No FACE_KEY and no ${keyPath}: there is nothing to rotate`);
  const from = fromEnv
    ? new DescriptorCipher(config.face.key!, config.face.keyVersion)
    : new DescriptorCipher(await loadOrCreateKeyFile(keyPath), (await readKeyFileVersion(keyPath)) ?? config.face.keyVersion);
  const toVersion = typeof args['new-version'] === 'string' ? Number(args['new-version']) : from.version + 1;
  if (!Number.isInteger(toVersion) || toVersion < 1 || toVersion > 255 || toVersion === from.version) {
    throw new Error(`--new-version must be 1..255 and differ from the current version ${from.version}`);
  }
  const newKey = typeof args['new-key-file'] === 'string' ? parseKey(await readFile(args['new-key-file'], 'utf8')) : randomBytes(32);
  const to = new DescriptorCipher(newKey, toVersion);

  let keyFile: string;
  if (fromEnv) {
    if (typeof args['new-key-file'] === 'string') keyFile = args['new-key-file'];
    else {
      if (typeof args.out !== 'string') throw new Error('FACE_KEY is set: pass --out FILE (where the new key is written) or --new-key-file FILE');
      await writeFile(args.out, newKey.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
      keyFile = args.out;
    }
  } else keyFile = await stageKeyFile(keyPath, newKey, toVersion);

  const dataSource = createDataSource(config.database);
  await dataSource.initialize();
  try {
    const result = await rotateDescriptorKey(dataSource, new AuditService(dataSource, new Clock()), from, to);
    if (!fromEnv) {
      await promoteStagedKeyFile(keyPath);
      keyFile = keyPath;
    } else {
      console.error(`Now set FACE_KEY to the content of ${keyFile} and FACE_KEY_VERSION=${toVersion} on every instance, and restart them.`);
    }
    console.log(JSON.stringify({ ...result, keyFile }));
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof ConfigError || !(err instanceof Error) ? String(err instanceof Error ? err.message : err) : err.message);
    process.exit(1);
  },
);
