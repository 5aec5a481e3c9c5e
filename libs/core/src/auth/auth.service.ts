import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import jsonwebtoken from 'jsonwebtoken';
import { IsNull, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainError } from '../errors/domain.error.js';
import { ErrorCode } from '../errors/error-code.enum.js';
import { AuthSessionEntity } from './auth-session.entity.js';
import type { AccessTokenClaims, AuthUser } from './auth-user.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { passwordHasher } from './password-hasher.js';
import { UserEntity } from './user.entity.js';

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
export class AuthService {
  private readonly limiter: LoginRateLimiter;
  /** The JWT secret made a key once: given a string, jsonwebtoken tries it as a PEM key (and throws) on every verify. */
  private readonly jwtKey: KeyObject;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(AuthSessionEntity) private readonly sessions: Repository<AuthSessionEntity>,
  ) {
    this.limiter = new LoginRateLimiter(config.login.maxAttempts, config.login.windowSeconds * 1000);
    this.jwtKey = createSecretKey(Buffer.from(config.jwt.secret, 'utf8'));
  }

  async login(username: string, password: string, clientIp: string): Promise<TokenPair> {
    const key = `${clientIp}|${username.toLowerCase()}`;
    this.limiter.assertAllowed(key);
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
    const ok = await passwordHasher.verify(user?.passwordHash ?? DUMMY_HASH, password);
    if (!user || !ok || !user.active) {
      this.limiter.recordFailure(key);
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS, 'Wrong username or password');
    }
    this.limiter.clear(key);
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
      if (replayed) await this.sessions.update({ id: replayed.id }, { revokedAt: new Date() });
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

  async logout(sessionId: string): Promise<void> {
    await this.sessions.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Used by the HTTP guard and the socket gateway alike. */
  async verifyAccessToken(token: string): Promise<AuthUser> {
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
    return { id: claims.sub, username: claims.usr, role: claims.role, delegateId: claims.did, sessionId: claims.sid };
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
