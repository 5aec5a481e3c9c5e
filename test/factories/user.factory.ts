import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { passwordHasher, Role, UserEntity } from '#core';
import { HttpClient } from '../utils/http.js';

export const TEST_PASSWORD = 'test-password-1';
let cachedHash: Promise<string> | undefined;

/** Inserts a user straight into the database (hash computed once per file: argon2 is deliberately slow). */
export async function createUser(ds: DataSource, role: Role, overrides: Partial<UserEntity> = {}): Promise<UserEntity> {
  cachedHash ??= passwordHasher.hash(TEST_PASSWORD);
  const repo = ds.getRepository(UserEntity);
  const username = overrides.username ?? `${role}-${randomBytes(4).toString('hex')}`;
  return repo.save(
    repo.create({ username, displayName: username, role, delegateId: null, active: true, ...overrides, passwordHash: await cachedHash }),
  );
}

export async function login(baseUrl: string, username: string, password = TEST_PASSWORD): Promise<HttpClient> {
  const res = await new HttpClient(baseUrl).post<{ accessToken: string }>('/api/auth/login', { username, password });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return new HttpClient(baseUrl, res.body.accessToken);
}

/** A signed-in client for a new user of the given role. */
export async function clientAs(ds: DataSource, baseUrl: string, role: Role, overrides: Partial<UserEntity> = {}): Promise<{ user: UserEntity; http: HttpClient }> {
  const user = await createUser(ds, role, overrides);
  return { user, http: await login(baseUrl, user.username) };
}
