/** Every error the API can answer with; clients switch on these, never on messages. */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  INVALID_JSON = 'INVALID_JSON',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  NOT_FOUND = 'NOT_FOUND',
  ROUTE_NOT_FOUND = 'ROUTE_NOT_FOUND',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  TOKEN_INVALID = 'TOKEN_INVALID',
  TOKEN_REVOKED = 'TOKEN_REVOKED',
  FORBIDDEN = 'FORBIDDEN',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  CONFLICT = 'CONFLICT',
  DUPLICATE = 'DUPLICATE',
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  IMPORT_INVALID = 'IMPORT_INVALID',
  INVALID_ENCODING = 'INVALID_ENCODING',
  INVALID_FILE = 'INVALID_FILE',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL = 'INTERNAL',
}

/** One HTTP status per code, so the mapping lives in exactly one place. */
export const ERROR_HTTP_STATUS: Record<string, number> = {
  [ErrorCode.VALIDATION_FAILED]: 400,
  [ErrorCode.INVALID_JSON]: 400,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.ROUTE_NOT_FOUND]: 404,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.INVALID_CREDENTIALS]: 401,
  [ErrorCode.TOKEN_EXPIRED]: 401,
  [ErrorCode.TOKEN_INVALID]: 401,
  [ErrorCode.TOKEN_REVOKED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.DUPLICATE]: 409,
  [ErrorCode.ILLEGAL_TRANSITION]: 409,
  [ErrorCode.IMPORT_INVALID]: 422,
  [ErrorCode.INVALID_ENCODING]: 400,
  [ErrorCode.INVALID_FILE]: 415,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.INTERNAL]: 500,
};

/** Other libraries add their own codes (voting, face...) without core knowing them. */
export function registerErrorCodes(statuses: Record<string, number>): void {
  Object.assign(ERROR_HTTP_STATUS, statuses);
}
