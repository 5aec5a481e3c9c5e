import type { NextFunction, Request, Response } from 'express';
import express from 'express';

/**
 * LiveKit signs the exact bytes it posts (sha256 in the Authorization JWT), so the webhook route keeps its raw body.
 * LiveKit sends `application/webhook+json`, which the app's JSON parser does not claim; this reads any type as a Buffer
 * for this one route. A body another parser already consumed stays parsed and is refused by the handler.
 */
const raw = express.raw({ type: () => true, limit: '1mb' });

export function webhookRawBody(req: Request, res: Response, next: NextFunction): void {
  raw(req, res, next);
}
