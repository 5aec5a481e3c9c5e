// Plain JS: jest loads global setup outside its transformer and module mapper.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';

export const TEMPLATE_DB = 'dienhong_e2e_template';
const CLI = 'dist/apps/api/src/database/db.cli.js';

export function urlFor(baseUrl, database) {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(baseUrl, sql) {
  const client = new pg.Client({ connectionString: urlFor(baseUrl, 'postgres') });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Migrates one template database; every test file clones it (CREATE DATABASE ... TEMPLATE), which takes milliseconds. */
export default async function globalSetup() {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    process.stdout.write('\n[e2e] DATABASE_URL is not set: e2e tests run on embedded PGlite (in memory), one database per test file.\n');
    return;
  }
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does)`);
  await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await adminQuery(baseUrl, `CREATE DATABASE ${TEMPLATE_DB}`);
  execFileSync(process.execPath, [CLI, 'migrate'], {
    env: { ...process.env, DATABASE_URL: urlFor(baseUrl, TEMPLATE_DB) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.stdout.write(`\n[e2e] PostgreSQL at ${new URL(baseUrl).host}: migrated template ${TEMPLATE_DB}; one database per test file.\n`);
}
