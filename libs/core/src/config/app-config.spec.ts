import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dh-config-'));

  it('uses the embedded database when DATABASE_URL is unset', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.database).toEqual({ kind: 'pglite', dataDir: join(dataDir, 'pglite'), fsync: true });
    expect(config.port).toBe(3000);
    // the generated secret is persisted so tokens survive a restart
    expect(readFileSync(join(dataDir, 'jwt.secret'), 'utf8')).toBe(config.jwt.secret);
    expect(loadConfig({ DATA_DIR: dataDir }).jwt.secret).toBe(config.jwt.secret);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db', PORT: '4001' });
    expect(config.database).toMatchObject({ kind: 'postgres', url: 'postgres://u:p@127.0.0.1:5432/db' });
    expect(config.port).toBe(4001);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ DEMO_SEED: 'sometimes' }, 'DEMO_SEED'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
  ])('rejects %j naming %s', (env, name) => {
    expect(() => loadConfig({ DATA_DIR: dataDir, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir, ...env })).toThrow(name);
  });
  it('reads task reminder settings and refuses a bad SMTP_URL by name', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).tasks).toEqual({ reminderDaysBefore: 3, smtpUrl: null, smtpFrom: 'Dien Hong <no-reply@dienhong.local>' });
    expect(loadConfig({ DATA_DIR: dataDir, TASK_REMINDER_DAYS_BEFORE: '0', SMTP_URL: 'smtps://u:p@mail.example.vn:465' }).tasks).toMatchObject({ reminderDaysBefore: 0, smtpUrl: 'smtps://u:p@mail.example.vn:465' });
    expect(() => loadConfig({ DATA_DIR: dataDir, SMTP_URL: 'mail.example.vn' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ DATA_DIR: dataDir, TASK_REMINDER_DAYS_BEFORE: '-1' })).toThrow(/TASK_REMINDER_DAYS_BEFORE/);
  });
});
