import type { Role } from './role.enum.js';

/** What a verified access token says about its bearer; attached to requests and sockets. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  delegateId: string | null;
  sessionId: string;
}

export interface AccessTokenClaims {
  sub: string;
  usr: string;
  role: Role;
  did: string | null;
  sid: string;
  typ: 'access';
  /** Set by jsonwebtoken at signing (seconds since the epoch). */
  exp?: number;
}
