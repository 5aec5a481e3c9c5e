import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '#core';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { TEMPLATE_DB, urlFor, withAdminClient } from '../setup/test-db.js';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  url: string;
  dataSource: DataSource;
  databaseUrl: string | null;
  close(): Promise<void>;
}

/** A fresh database for this test file: a clone of the migrated template on PostgreSQL, or an in-memory PGlite. */
export async function createTestDatabase(): Promise<{ env: Record<string, string>; url: string | null; drop(): Promise<void> }> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) return { env: { PGLITE_DIR: 'memory://' }, url: null, drop: async () => undefined };
  const name = `dienhong_e2e_${randomBytes(6).toString('hex')}`;
  await withAdminClient(baseUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`));
  const url = urlFor(baseUrl, name);
  return {
    env: { DATABASE_URL: url },
    url,
    drop: () => withAdminClient(baseUrl, async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

/** Starts the real application (same bootstrap as production) on a random port. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'dh-e2e-'));
  const base: Record<string, string> = {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DEMO_SEED: 'never',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    LOGIN_MAX_ATTEMPTS: '1000',
    LOGIN_ADDRESS_MAX_ATTEMPTS: '10000',
    // every test logs in from 127.0.0.1, many in parallel: queue them rather than answer 503
    LOGIN_HASH_QUEUE: '10000',
  };
  const config = loadConfig({ ...base, ...db.env, ...env });
  const { app } = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    url: `http://127.0.0.1:${address.port}`,
    dataSource: app.get(DataSource),
    databaseUrl: db.url,
    async close() {
      await app.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
