import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { JsonLogger } from '../logging/json.logger.js';
import type { Metrics } from '../metrics/metrics.js';

const INCOMING_ID = /^[A-Za-z0-9._-]{8,128}$/;

export interface RequestWithId extends Request {
  requestId?: string;
  user?: { id: string; role: string };
}

/** Gives every request an id (kept from the caller when sane), echoes it, and logs one line when it ends. */
export function requestContext(logger: JsonLogger, metrics: Metrics) {
  return (req: RequestWithId, res: Response, next: NextFunction): void => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    req.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      metrics.observeHttp(req.method, route, res.statusCode, durationMs / 1000);
      logger.write(res.statusCode >= 500 ? 'error' : 'info', 'request', {
        requestId,
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        durationMs: Math.round(durationMs * 10) / 10,
        userId: req.user?.id,
      });
    });
    next();
  };
}
