import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import jsonwebtoken from 'jsonwebtoken';
import { IsNull, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainError } from '../errors/domain.error.js';
import { ErrorCode } from '../errors/error-code.enum.js';
import { AuthSessionEntity } from './auth-session.entity.js';
import type { AccessTokenClaims, AuthUser } from './auth-user.js';
import { JsonLogger } from '../logging/json.logger.js';
import { HashGate } from './hash-gate.js';
import { LoginRateLimiter, MemoryAttemptStore } from './login-rate-limiter.js';
import { passwordHasher } from './password-hasher.js';
import { RedisAttemptStore } from './redis-attempt-store.js';
import { SessionRevocations, type RevocationReason } from './session-revocations.js';
import { UserEntity } from './user.entity.js';

/** A verified access token: who, and until when (epoch ms) the token may act; sockets keep both. */
export interface VerifiedSession {
  user: AuthUser;
  expiresAt: number;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
// a dummy hash keeps the timing of "unknown user" close to "wrong password"
const DUMMY_HASH = '$argon2id$v=19$m=65536,p=4,t=3$r2QljgqfvT84hg2N4peKMg$F6SPrkssaqOoXoa4T1GYwFEfyW6xE7s53uLZzYCGsbU';

@Injectable()
export class AuthService implements OnModuleDestroy {
  private readonly limiter: LoginRateLimiter;
  private readonly redisAttempts: RedisAttemptStore | null;
  private readonly hashGate: HashGate;
  /** The JWT secret made a key once: given a string, jsonwebtoken tries it as a PEM key (and throws) on every verify. */
  private readonly jwtKey: KeyObject;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(AuthSessionEntity) private readonly sessions: Repository<AuthSessionEntity>,
    private readonly revocations: SessionRevocations,
    logger: JsonLogger,
  ) {
    // the store every instance shares when there is one (REDIS_URL), else this process's memory
    this.redisAttempts = config.realtime.redisUrl ? new RedisAttemptStore(config.realtime.redisUrl, logger) : null;
    this.limiter = new LoginRateLimiter(this.redisAttempts ?? new MemoryAttemptStore(), {
      perAccount: config.login.maxAttempts,
      perAddress: config.login.addressMaxAttempts,
      windowMs: config.login.windowSeconds * 1000,
    });
    this.hashGate = new HashGate(config.login.maxConcurrentHashes, config.login.hashQueue, config.login.hashesPerAddress);
    this.jwtKey = createSecretKey(Buffer.from(config.jwt.secret, 'utf8'));
  }

  onModuleDestroy(): void {
    this.redisAttempts?.close();
  }

  async login(username: string, password: string, clientIp: string): Promise<TokenPair> {
    // counted before the hash, so parallel guesses cannot all pass a check made before any of them was recorded
    const ticket = await this.limiter.admit(clientIp, username);
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
    const ok = await this.hashGate.run(() => passwordHasher.verify(user?.passwordHash ?? DUMMY_HASH, password), clientIp);
    if (!user || !ok || !user.active) throw new DomainError(ErrorCode.INVALID_CREDENTIALS, 'Wrong username or password');
    await this.limiter.succeeded(ticket);
    const refreshToken = randomBytes(32).toString('base64url');
    const session = await this.sessions.save(
      this.sessions.create({
        userId: user.id,
        refreshHash: sha256(refreshToken),
        previousHash: null,
        expiresAt: this.refreshExpiry(),
        revokedAt: null,
      }),
    );
    return this.issue(user, session.id, refreshToken);
  }

  /** Rotates the refresh token; presenting an already-rotated token revokes the session (token theft). */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const hash = sha256(refreshToken);
    const session = await this.sessions.findOne({ where: { refreshHash: hash } });
    if (!session) {
      const replayed = await this.sessions.findOne({ where: { previousHash: hash, revokedAt: IsNull() } });
      if (replayed) {
        await this.sessions.update({ id: replayed.id }, { revokedAt: new Date() });
        this.revocations.emit({ userId: replayed.userId, sessionId: replayed.id, reason: 'refresh_replayed' });
      }
      throw new DomainError(ErrorCode.TOKEN_INVALID, 'Refresh token is not valid');
    }
    if (session.revokedAt) throw new DomainError(ErrorCode.TOKEN_REVOKED, 'This session has been signed out');
    if (session.expiresAt.getTime() <= Date.now()) throw new DomainError(ErrorCode.TOKEN_EXPIRED, 'Refresh token has expired');
    const user = await this.users.findOne({ where: { id: session.userId } });
    if (!user || !user.active) throw new DomainError(ErrorCode.TOKEN_REVOKED, 'This account is disabled');
    const next = randomBytes(32).toString('base64url');
    const rotated = await this.sessions.update(
      { id: session.id, refreshHash: hash },
      { refreshHash: sha256(next), previousHash: hash, expiresAt: this.refreshExpiry() },
    );
    // a concurrent refresh with the same token won the race
    if (!rotated.affected) throw new DomainError(ErrorCode.TOKEN_INVALID, 'Refresh token is not valid');
    return this.issue(user, session.id, next);
  }

  async logout(user: AuthUser): Promise<void> {
    await this.sessions.update({ id: user.sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
    this.revocations.emit({ userId: user.id, sessionId: user.sessionId, reason: 'logout' });
  }

  /**
   * Ends every session of a user at once: refresh tokens stop refreshing, access tokens stop working over HTTP
   * (the guard reads revoked_at) and the user's sockets are disconnected on every instance (SessionRevocations).
   */
  async revokeAllSessions(userId: string, reason: RevocationReason): Promise<number> {
    const result = await this.sessions.update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    this.revocations.emit({ userId, sessionId: null, reason });
    return result.affected ?? 0;
  }

  /** Of these session ids, the ones that have been revoked (the socket layer's periodic re-check). */
  async revokedAmong(sessionIds: string[]): Promise<string[]> {
    if (sessionIds.length === 0) return [];
    const rows = await this.sessions.query<{ id: string }[]>('SELECT id FROM auth_sessions WHERE id = ANY($1::uuid[]) AND revoked_at IS NOT NULL', [sessionIds]);
    return rows.map((r) => r.id);
  }

  /** Used by the HTTP guard and the socket gateway alike. */
  async verifyAccessToken(token: string): Promise<AuthUser> {
    return (await this.verifySession(token)).user;
  }

  /** The access token checked (signature, expiry, session not revoked), with the instant it expires. */
  async verifySession(token: string): Promise<VerifiedSession> {
    let claims: AccessTokenClaims;
    try {
      claims = jsonwebtoken.verify(token, this.jwtKey, { algorithms: ['HS256'] }) as AccessTokenClaims;
    } catch (err: unknown) {
      const expired = err instanceof Error && err.name === 'TokenExpiredError';
      throw new DomainError(expired ? ErrorCode.TOKEN_EXPIRED : ErrorCode.TOKEN_INVALID, expired ? 'Access token has expired' : 'Access token is not valid');
    }
    if (claims.typ !== 'access') throw new DomainError(ErrorCode.TOKEN_INVALID, 'Access token is not valid');
    // a plain query: it runs for every request and socket connection, and TypeORM's find building cost more than the lookup
    const [session] = await this.sessions.query<{ revoked: boolean }[]>('SELECT revoked_at IS NOT NULL AS revoked FROM auth_sessions WHERE id = $1', [claims.sid]);
    if (!session || session.revoked) throw new DomainError(ErrorCode.TOKEN_REVOKED, 'This session has been signed out');
    return {
      user: { id: claims.sub, username: claims.usr, role: claims.role, delegateId: claims.did, sessionId: claims.sid },
      expiresAt: (claims.exp ?? 0) * 1000,
    };
  }

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.config.jwt.refreshTtlDays * 86_400_000);
  }

  private issue(user: UserEntity, sessionId: string, refreshToken: string): TokenPair {
    const claims: AccessTokenClaims = {
      sub: user.id,
      usr: user.username,
      role: user.role,
      did: user.delegateId,
      sid: sessionId,
      typ: 'access',
    };
    const accessToken = jsonwebtoken.sign(claims, this.jwtKey, { expiresIn: this.config.jwt.accessTtlSeconds, algorithm: 'HS256' });
    return { accessToken, refreshToken, expiresIn: this.config.jwt.accessTtlSeconds, tokenType: 'Bearer' };
  }
}
