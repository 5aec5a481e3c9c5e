import { randomBytes, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** Runs one SQL statement with parameters (a pg client or an embedded PGlite). */
export type Sql = (text: string, params?: unknown[]) => Promise<unknown>;

export interface SeededUser {
  userId: string;
  username: string;
  role: 'delegate' | 'secretary';
  delegateId: string | null;
  sessionId: string;
}

export interface BenchSeed {
  meetingId: string;
  secretary: SeededUser;
  voters: SeededUser[];
}

/**
 * A body of n members, a meeting in session with all of them invited and checked in, a user and an open
 * session for each (plus a secretary), inserted in a few set-based statements. Every user gets the same
 * precomputed password hash: hashing n passwords with argon2 would take longer than the benchmark.
 */
export async function seedVotingMeeting(sql: Sql, n: number, passwordHash: string): Promise<BenchSeed> {
  const bodyId = randomUUID();
  const meetingId = randomUUID();
  const tag = randomBytes(3).toString('hex');
  await sql(`INSERT INTO bodies (id, name, description, allow_proxy_voting) VALUES ($1, $2, NULL, false)`, [bodyId, `UBND đo tải ${tag}`]);
  await sql(
    `INSERT INTO meetings (id, body_id, title, location, starts_at, mode, status, quorum_numerator, quorum_denominator)
     VALUES ($1, $2, $3, 'Hội trường', now(), 'hybrid', 'in_session', 2, 3)`,
    [meetingId, bodyId, `Phiên đo tải ${tag}`],
  );
  const delegateIds = Array.from({ length: n }, () => randomUUID());
  const userIds = Array.from({ length: n }, () => randomUUID());
  const sessionIds = Array.from({ length: n }, () => randomUUID());
  const names = delegateIds.map((_, i) => `Đại biểu ${tag}-${i + 1}`);
  const usernames = delegateIds.map((_, i) => `bench-${tag}-${i + 1}`);
  for (let i = 0; i < n; i += 1000) {
    const s = (a: string[]): string[] => a.slice(i, i + 1000);
    await sql(`INSERT INTO delegates (id, full_name, has_voting_right, active) SELECT id, n, true, true FROM unnest($1::uuid[], $2::text[]) AS t(id, n)`, [
      s(delegateIds),
      s(names),
    ]);
    await sql(`INSERT INTO body_members (body_id, delegate_id, position) SELECT $1, d, 'Thành viên' FROM unnest($2::uuid[]) AS t(d)`, [bodyId, s(delegateIds)]);
    await sql(`INSERT INTO meeting_invitations (meeting_id, delegate_id, kind, can_vote) SELECT $1, d, 'member', true FROM unnest($2::uuid[]) AS t(d)`, [meetingId, s(delegateIds)]);
    await sql(
      `INSERT INTO attendance_records (id, meeting_id, delegate_id, status, method, checked_in_at)
       SELECT gen, $1, d, 'present', 'manual', now() FROM unnest($2::uuid[], $3::uuid[]) AS t(d, gen)`,
      [meetingId, s(delegateIds), s(sessionIds.map(() => randomUUID()))],
    );
    await sql(
      `INSERT INTO users (id, username, display_name, password_hash, role, delegate_id, active)
       SELECT u, un, un, $1, 'delegate', d, true FROM unnest($2::uuid[], $3::text[], $4::uuid[]) AS t(u, un, d)`,
      [passwordHash, s(userIds), s(usernames), s(delegateIds)],
    );
    await sql(
      `INSERT INTO auth_sessions (id, user_id, refresh_hash, expires_at) SELECT sid, u, md5(sid::text) || md5(u::text), now() + interval '1 day'
         FROM unnest($1::uuid[], $2::uuid[]) AS t(sid, u)`,
      [s(sessionIds), s(userIds)],
    );
  }
  const secretary: SeededUser = { userId: randomUUID(), username: `bench-secretary-${tag}`, role: 'secretary', delegateId: null, sessionId: randomUUID() };
  await sql(`INSERT INTO users (id, username, display_name, password_hash, role, delegate_id, active) VALUES ($1, $2, $2, $3, 'secretary', NULL, true)`, [
    secretary.userId,
    secretary.username,
    passwordHash,
  ]);
  await sql(`INSERT INTO auth_sessions (id, user_id, refresh_hash, expires_at) VALUES ($1::uuid, $2::uuid, md5($1::uuid::text) || md5($2::uuid::text), now() + interval '1 day')`, [
    secretary.sessionId,
    secretary.userId,
  ]);
  const voters = delegateIds.map((d, i): SeededUser => ({ userId: userIds[i], username: usernames[i], role: 'delegate', delegateId: d, sessionId: sessionIds[i] }));
  return { meetingId, secretary, voters };
}

/** An access token for a seeded user, signed as the API signs them (its JWT_SECRET), without a login per user. */
export function accessTokenFor(u: SeededUser, secret: string): string {
  return jwt.sign({ sub: u.userId, usr: u.username, role: u.role, did: u.delegateId, sid: u.sessionId, typ: 'access' }, secret, { algorithm: 'HS256', expiresIn: 3600 });
}
