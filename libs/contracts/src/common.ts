/** Unions and shapes every part of the contract shares. Values on the wire: ids are uuids, instants ISO 8601 strings. */

/** libs/core Role. */
export type Role = 'admin' | 'secretary' | 'chair' | 'delegate' | 'observer';

/** The one error body of every HTTP error answer (libs/core HttpExceptionFilter). */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    details?: unknown;
    requestId: string;
  };
}

/** POST /api/auth/login and /api/auth/refresh. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn?: number;
}

/** GET /api/auth/me. */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  delegateId: string | null;
}
