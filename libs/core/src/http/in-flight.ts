import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain.error.js';
import { ErrorCode } from '../errors/error-code.enum.js';

/**
 * Counts work that a client is waiting on (HTTP requests, socket events with an ack) so a graceful shutdown can
 * stop taking new work and wait for what was accepted: an acknowledged vote is committed before the process exits.
 */
export class InFlight {
  private active = 0;
  private draining = false;
  private waiters: (() => void)[] = [];

  get count(): number {
    return this.active;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Marks one unit of work started; the returned function ends it (calling it twice is harmless). */
  enter(): () => void {
    this.active++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.active--;
      if (this.active === 0) for (const wake of this.waiters.splice(0)) wake();
    };
  }

  startDraining(): void {
    this.draining = true;
  }

  /** Resolves true once nothing is in flight, or false when `timeoutMs` passes first. */
  whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.active === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}

/** The error new work gets while the instance drains: retryable, and a load balancer sends the retry elsewhere. */
export function shuttingDown(): DomainError {
  return new DomainError(ErrorCode.SHUTTING_DOWN, 'This server is restarting; retry (another instance will answer)', { retryable: true }, 1);
}

/** Express middleware: counts requests until their response ends; while draining, refuses new ones with 503. */
export function inFlightMiddleware(inFlight: InFlight) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    if (inFlight.isDraining) {
      // the HTTP filter answers it (error shape, Retry-After); the connection is not kept for another request
      res.setHeader('Connection', 'close');
      next(shuttingDown());
      return;
    }
    const done = inFlight.enter();
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}
