import { adminQuery } from './global-setup.mjs';

/** Drops every database the e2e run cloned, including ones left by a crashed test file. */
export default async function globalTeardown() {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) return;
  const { rows } = await adminQuery(baseUrl, `SELECT datname FROM pg_database WHERE datname LIKE 'dienhong_e2e_%'`);
  for (const { datname } of rows) await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
}
