import { ERROR_HTTP_STATUS, ErrorCode } from './error-code.enum.js';

/** Thrown by services; transports (HTTP filter, WS filter) turn it into a response. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode | string,
    message: string,
    readonly details?: unknown,
    /** Seconds a client should wait before retrying, for throttling and outages. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    return ERROR_HTTP_STATUS[this.code] ?? 400;
  }

  static notFound(entity: string, id?: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, id ? `${entity} ${id} not found` : `${entity} not found`);
  }

  static forbidden(message = 'You are not allowed to do this'): DomainError {
    return new DomainError(ErrorCode.FORBIDDEN, message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId: string };
}
