import 'reflect-metadata';
import { verifyAuditChain } from '#audit';
import { ConfigError, loadConfig } from '#core';
import { createDataSource } from '../apps/api/src/database/data-source.js';

/**
 * Verifies the audit hash chain with the app's own configuration (DATABASE_URL or the embedded PGlite directory).
 * npm run audit:verify
 * Last line: {"ok":true,"rows":N,"firstBrokenSeq":null,...} | {"ok":false,"rows":N,"firstBrokenSeq":S,"reason":"..."}.
 * Exit code 0 = intact, 1 = broken, 2 = could not check (configuration, connection, missing tables).
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const dataSource = createDataSource(config.database);
  await dataSource.initialize();
  try {
    const started = Date.now();
    const result = await verifyAuditChain(dataSource);
    console.log(JSON.stringify({ ...result, database: config.database.kind, ms: Date.now() - started }));
    return result.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message = err instanceof ConfigError ? err.message : err instanceof Error ? err.message : String(err);
    console.error(err instanceof ConfigError ? message : err);
    console.log(JSON.stringify({ ok: false, rows: 0, firstBrokenSeq: null, error: message }));
    process.exit(2);
  },
);
