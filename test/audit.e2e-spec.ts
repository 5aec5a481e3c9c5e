import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { auditHash, AuditService, type AuditPage, type AuditVerifyResult } from '#audit';
import { Role } from '#core';
import { clientAs } from './factories/user.factory.js';
import type { ErrorShape, HttpClient } from './utils/http.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

const run = promisify(execFile);

describe('audit log hash chain', () => {
  let t: TestApp;
  let audit: AuditService;
  let admin: HttpClient;
  let secretary: HttpClient;
  const meetingId = randomUUID();

  /** Tampering needs the append-only trigger out of the way, as it would for an attacker with table ownership. */
  async function tamper(sql: string, params: unknown[] = []): Promise<void> {
    await t.dataSource.query(`ALTER TABLE audit_log DISABLE TRIGGER USER`);
    try {
      await t.dataSource.query(sql, params);
    } finally {
      await t.dataSource.query(`ALTER TABLE audit_log ENABLE TRIGGER USER`);
    }
  }

  const seqs = async (): Promise<number[]> => (await t.dataSource.query<{ seq: string }[]>(`SELECT seq FROM audit_log ORDER BY seq`)).map((r) => Number(r.seq));

  beforeAll(async () => {
    t = await startTestApp();
    audit = t.app.get(AuditService);
    admin = (await clientAs(t.dataSource, t.url, Role.Admin)).http;
    secretary = (await clientAs(t.dataSource, t.url, Role.Secretary)).http;
  });
  afterAll(async () => {
    await t.close();
  });

  it('an empty log verifies', async () => {
    await expect(audit.verify()).resolves.toMatchObject({ ok: true, rows: 0, firstBrokenSeq: null });
  });

  it('50 concurrent appends form one contiguous chain', async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        audit.append({
          action: 'attendance.checked_in',
          entityType: 'delegate',
          entityId: randomUUID(),
          actorId: randomUUID(),
          actorRole: 'secretary',
          meetingId: i % 2 === 0 ? meetingId : null,
          payload: { i, method: 'face', distance: 0.41, nested: { z: [1, 'hai', null], a: true }, at: new Date() },
        }),
      ),
    );
    expect(await seqs()).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await expect(audit.verify()).resolves.toMatchObject({ ok: true, rows: 50, firstBrokenSeq: null, headSeq: 50 });
  });

  it('appends inside the caller\'s transaction: committed together, rolled back together, no seq burned', async () => {
    await expect(
      t.dataSource.transaction(async (em) => {
        await audit.append({ action: 'poll.opened', entityType: 'poll', entityId: randomUUID(), meetingId }, em);
        throw new Error('the audited change failed');
      }),
    ).rejects.toThrow('the audited change failed');
    expect((await seqs()).length).toBe(50);
    const entries = await t.dataSource.transaction((em) =>
      audit.appendMany(
        [
          { action: 'poll.closed', entityType: 'poll', entityId: 'p1', meetingId },
          // a secret ballot: no actor, receipt only
          { action: 'ballot.accepted', entityType: 'ballot', entityId: 'receipt-7QX2', actorId: null, meetingId, payload: { pollId: 'p1' } },
        ],
        em,
      ),
    );
    expect(entries.map((e) => e.seq)).toEqual(['51', '52']);
    expect(entries[1].actorId).toBeNull();
    await expect(audit.verify()).resolves.toMatchObject({ ok: true, rows: 52 });
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE of audit rows', async () => {
    await expect(t.dataSource.query(`UPDATE audit_log SET payload = '{}' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it('an edited payload is reported at its seq, and the chain heals when it is put back', async () => {
    const [row] = await t.dataSource.query<{ payload: unknown }[]>(`SELECT payload FROM audit_log WHERE seq = 17`);
    await tamper(`UPDATE audit_log SET payload = jsonb_set(payload, '{method}', '"manual"') WHERE seq = 17`);
    const broken = await audit.verify();
    expect(broken).toMatchObject({ ok: false, firstBrokenSeq: 17, rows: 16 });
    expect((broken as { reason: string }).reason).toMatch(/hash of row 17/);
    await tamper(`UPDATE audit_log SET payload = $1 WHERE seq = 17`, [JSON.stringify(row.payload)]);
    await expect(audit.verify()).resolves.toMatchObject({ ok: true, rows: 52 });
  });

  it('an edited hash (to cover an edit) breaks the next link', async () => {
    await tamper(`UPDATE audit_log SET hash = $1 WHERE seq = 20`, ['a'.repeat(64)]);
    await expect(audit.verify()).resolves.toMatchObject({ ok: false, firstBrokenSeq: 20 });
    await tamper(`UPDATE audit_log SET hash = (SELECT prev_hash FROM audit_log WHERE seq = 21) WHERE seq = 20`);
    await expect(audit.verify()).resolves.toMatchObject({ ok: true });
  });

  it('a deleted row is reported', async () => {
    const [row] = await t.dataSource.query<Record<string, unknown>[]>(`SELECT * FROM audit_log WHERE seq = 30`);
    await tamper(`DELETE FROM audit_log WHERE seq = 30`);
    const broken = await audit.verify();
    expect(broken).toMatchObject({ ok: false, firstBrokenSeq: 30, rows: 29 });
    expect((broken as { reason: string }).reason).toMatch(/row 30 is missing/);
    await tamper(
      `INSERT INTO audit_log (seq, at, actor_id, actor_role, action, entity_type, entity_id, meeting_id, payload, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [row.seq, row.at, row.actor_id, row.actor_role, row.action, row.entity_type, row.entity_id, row.meeting_id, JSON.stringify(row.payload), row.prev_hash, row.hash],
    );
    await expect(audit.verify()).resolves.toMatchObject({ ok: true, rows: 52 });
  });

  it('deleting the newest rows is caught by the head', async () => {
    await tamper(`DELETE FROM audit_log WHERE seq = 52`);
    await expect(audit.verify()).resolves.toMatchObject({ ok: false, firstBrokenSeq: 52 });
  });

  it('a row added behind the service\'s back, even with a correct hash, is caught', async () => {
    // restore 52 through the head as the service would have it: reset head to 51, then append normally
    await t.dataSource.query(`UPDATE audit_head SET seq = 51, hash = (SELECT hash FROM audit_log WHERE seq = 51)`);
    await expect(audit.verify()).resolves.toMatchObject({ ok: true, rows: 51 });
    const [last] = await t.dataSource.query<{ hash: string }[]>(`SELECT hash FROM audit_log WHERE seq = 51`);
    const forged = { seq: '52', at: new Date(), actorId: null, actorRole: null, action: 'poll.published', entityType: 'poll', entityId: 'p1', meetingId: null, payload: { outcome: 'adopted' }, prevHash: last.hash };
    await t.dataSource.query(
      `INSERT INTO audit_log (seq, at, action, entity_type, entity_id, payload, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [forged.seq, forged.at, forged.action, forged.entityType, forged.entityId, JSON.stringify(forged.payload), forged.prevHash, auditHash(forged)],
    );
    const broken = await audit.verify();
    expect(broken).toMatchObject({ ok: false, firstBrokenSeq: 52 });
    expect((broken as { reason: string }).reason).toMatch(/past the head/);
    await tamper(`DELETE FROM audit_log WHERE seq = 52`);
    await audit.append({ action: 'poll.published', entityType: 'poll', entityId: 'p1', meetingId });
    await expect(audit.verify()).resolves.toMatchObject({ ok: true, rows: 52 });
  });

  it('GET /api/audit pages newest first, filters by meeting, and is staff-only', async () => {
    const first = await secretary.get<AuditPage>(`/api/audit?limit=5`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((i) => i.seq)).toEqual([52, 51, 50, 49, 48]);
    expect(first.body.nextBefore).toBe(48);
    const next = await secretary.get<AuditPage>(`/api/audit?limit=5&before=${first.body.nextBefore}`);
    expect(next.body.items.map((i) => i.seq)).toEqual([47, 46, 45, 44, 43]);
    const mine = await admin.get<AuditPage>(`/api/audit?meetingId=${meetingId}&limit=500`);
    expect(mine.body.items.length).toBe(27);
    expect(mine.body.items.every((i) => i.meetingId === meetingId)).toBe(true);
    expect(mine.body.nextBefore).toBeNull();
    const bad = await admin.get<ErrorShape>(`/api/audit?limit=100000&meetingId=x&extra=1`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    for (const role of [Role.Chair, Role.Delegate, Role.Observer]) {
      const other = (await clientAs(t.dataSource, t.url, role)).http;
      expect((await other.get(`/api/audit`)).status).toBe(403);
      expect((await other.get(`/api/audit/verify`)).status).toBe(403);
    }
  });

  it('GET /api/audit/verify is admin-only', async () => {
    const ok = await admin.get<AuditVerifyResult>('/api/audit/verify');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, rows: 52, firstBrokenSeq: null });
    expect((await secretary.get('/api/audit/verify')).status).toBe(403);
  });

  it('dist/scripts/audit-verify.js prints the verdict on its last line and exits 1 when broken (PostgreSQL only)', async () => {
    if (!t.databaseUrl) return; // an in-memory PGlite cannot be opened by a second process
    const env = { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test', DATA_DIR: t.config.dataDir };
    const good = await run(process.execPath, ['dist/scripts/audit-verify.js'], { env });
    const lastLine = (s: string): unknown => JSON.parse(s.trim().split('\n').pop() ?? '');
    expect(lastLine(good.stdout)).toMatchObject({ ok: true, rows: 52, firstBrokenSeq: null });
    await tamper(`UPDATE audit_log SET actor_role = 'admin' WHERE seq = 5`);
    const bad = await run(process.execPath, ['dist/scripts/audit-verify.js'], { env }).then(
      () => ({ code: 0, stdout: '' }),
      (err: { code: number; stdout: string }) => err,
    );
    expect(bad.code).toBe(1);
    expect(lastLine(bad.stdout)).toMatchObject({ ok: false, firstBrokenSeq: 5 });
  });
});
