import 'reflect-metadata';
import { ConfigError, loadConfig } from '#core';
import { createApp } from './bootstrap.js';
import { shutDownGracefully } from './shutdown.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const started = await createApp(config);
  const { app, seeded } = started;
  await app.listen(config.port, config.host);
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    // a second signal means "now": exit without waiting
    if (stopping) process.exit(1);
    stopping = true;
    process.stdout.write(`${signal}: finishing accepted requests and votes, then stopping\n`);
    shutDownGracefully(started, { graceMs: config.shutdownGraceSeconds * 1000, reconnectInMs: 500 }).then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`Shutdown failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${config.port}`;
  const db = config.database.kind === 'pglite' ? `embedded PGlite at ${config.database.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  const lines = [``, `Diên Hồng is running at ${url}`, `  API docs: ${url}/api/docs   health: ${url}/api/health`, `  database: ${db}`];
  if (seeded) {
    lines.push(`  demo data created: ${seeded.bodyName}, meeting "${seeded.meetingTitle}"`);
    lines.push(`  demo logins (password "${seeded.password}"): admin, secretary, chair, observer, delegate1 ... delegate${seeded.delegates}`);
  } else {
    lines.push(`  demo logins (if seeded): admin, secretary, chair, delegate1 ... delegate15 (password from DEMO_PASSWORD, default demo1234)`);
  }
  process.stdout.write(lines.join('\n') + '\n\n');
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`Start-up failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
