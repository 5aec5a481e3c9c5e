import type { Server } from 'node:http';
import type { StartedApp } from './bootstrap.js';

export interface ShutdownOptions {
  /** Longest wait for accepted work (requests, acked socket events) before closing anyway. */
  graceMs: number;
  /** Hint to clients: how long to wait before reconnecting (a proxy sends them to another instance). */
  reconnectInMs: number;
}

/**
 * Graceful stop on SIGTERM: refuse new work (HTTP 503 SHUTTING_DOWN, socket acks likewise, no new connections),
 * tell sockets to reconnect elsewhere, wait until every accepted request and cast has its answer (so an acked vote
 * is committed), close the transports so clients reconnect by themselves, then close the app and the database.
 */
export async function shutDownGracefully(started: StartedApp, opts: ShutdownOptions): Promise<{ idle: boolean; sockets: number }> {
  const { app, inFlight, realtime, logger } = started;
  inFlight.startDraining();
  const server = app.getHttpServer() as Server;
  server.close();
  server.closeIdleConnections();
  const sockets = realtime.announceShutdown(opts.reconnectInMs);
  logger.write('info', 'shutting down: draining', { inFlight: inFlight.count, sockets });
  let idle = await inFlight.whenIdle(opts.graceMs);
  // casts already on the wire when draining began still get their answer (SHUTTING_DOWN) before the transports close
  await new Promise((r) => setTimeout(r, 200));
  idle = idle && (await inFlight.whenIdle(opts.graceMs));
  if (!idle) logger.write('warn', 'shutting down with work still in flight', { inFlight: inFlight.count });
  realtime.closeConnections();
  server.closeAllConnections();
  await app.close();
  logger.write('info', 'shut down', { idle });
  return { idle, sockets };
}
