import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';
import type { RequestWithId } from '../http/request-id.middleware.js';
import type { JsonLogger } from '../logging/json.logger.js';
import { DomainError, type ErrorBody } from './domain.error.js';
import { ERROR_HTTP_STATUS, ErrorCode } from './error-code.enum.js';
import { mapDatabaseError } from './pg-error.mapper.js';

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: string;
  field?: string;
}

/** Turns anything thrown into the one error shape; known failures become 4xx, only real bugs become 500. */
export function toDomainError(exception: unknown): DomainError {
  if (exception instanceof DomainError) return exception;
  const fromDb = mapDatabaseError(exception);
  if (fromDb) return fromDb;
  if (exception instanceof HttpException) return fromHttpException(exception);
  const e = (exception ?? {}) as HttpishError;
  // body-parser and multer errors arrive as plain errors with a type or code
  if (e.type === 'entity.too.large' || e.code === 'LIMIT_FILE_SIZE' || e.code === 'LIMIT_FIELD_VALUE') {
    return new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is too large');
  }
  if (e.type === 'entity.too.deep') return new DomainError(ErrorCode.INVALID_JSON, 'The JSON body is nested too deeply');
  if (e.type === 'entity.verify.failed') return new DomainError(ErrorCode.INVALID_JSON, 'The request body was refused');
  if (e.type === 'entity.parse.failed') return new DomainError(ErrorCode.INVALID_JSON, 'The request body is not valid JSON');
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
    return new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Unsupported request encoding');
  }
  if (typeof e.code === 'string' && e.code.startsWith('LIMIT_')) {
    return new DomainError(ErrorCode.VALIDATION_FAILED, `Upload rejected: ${e.code}`, { field: e.field });
  }
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new DomainError(ErrorCode.VALIDATION_FAILED, 'The request could not be processed');
  }
  return new DomainError(ErrorCode.INTERNAL, 'Internal server error');
}

function fromHttpException(exception: HttpException): DomainError {
  // Nest wraps body-parser's errors; unwrap them so bad JSON and big bodies get their own codes
  const cause = (exception as HttpException & { cause?: HttpishError }).cause;
  if (cause instanceof SyntaxError) return new DomainError(ErrorCode.INVALID_JSON, 'The request body is not valid JSON');
  if (cause && typeof cause === 'object' && (cause.type || cause.code)) return toDomainError(cause);
  const status = exception.getStatus();
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? exception.message);
  const text = Array.isArray(message) ? message.join('; ') : String(message);
  const byStatus: Record<number, ErrorCode> = {
    400: ErrorCode.VALIDATION_FAILED,
    401: ErrorCode.UNAUTHENTICATED,
    403: ErrorCode.FORBIDDEN,
    404: ErrorCode.ROUTE_NOT_FOUND,
    409: ErrorCode.CONFLICT,
    413: ErrorCode.PAYLOAD_TOO_LARGE,
    415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    429: ErrorCode.TOO_MANY_REQUESTS,
    503: ErrorCode.SERVICE_UNAVAILABLE,
  };
  const code = byStatus[status] ?? (status >= 500 ? ErrorCode.INTERNAL : ErrorCode.VALIDATION_FAILED);
  return new DomainError(code, status >= 500 ? 'Internal server error' : text);
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<RequestWithId>();
    const res = http.getResponse<Response>();
    const error = toDomainError(exception);
    const status = ERROR_HTTP_STATUS[error.code] ?? 400;
    if (status === 503) {
      // outages and restarts: expected, retryable, one line each without a stack
      this.logger.write('warn', 'service unavailable', { requestId: req.requestId, path: req.originalUrl, code: error.code });
    } else if (status >= 500) {
      this.logger.write('error', 'unhandled error', {
        requestId: req.requestId,
        path: req.originalUrl,
        error: exception instanceof Error ? exception.stack : String(exception),
      });
    }
    if (res.headersSent) return;
    const body: ErrorBody = {
      error: { code: error.code, message: error.message, requestId: req.requestId ?? 'unknown' },
    };
    if (error.details !== undefined) body.error.details = error.details;
    if (error.retryAfter !== undefined) res.setHeader('Retry-After', String(error.retryAfter));
    res.status(status).json(body);
  }
}
