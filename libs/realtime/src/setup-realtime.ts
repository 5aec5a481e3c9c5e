import type { INestApplication } from '@nestjs/common';
import { HealthService, type AppConfig, type InFlight, type JsonLogger } from '#core';
import { RealtimeIoAdapter } from './realtime-io.adapter.js';

/** Called by bootstrap before app.init(): the socket.io adapter (Redis or in-memory) and its health check. */
export async function setupRealtime(app: INestApplication, config: AppConfig, logger: JsonLogger, inFlight?: InFlight): Promise<RealtimeIoAdapter> {
  const adapter = new RealtimeIoAdapter(app, { ...config.realtime, corsOrigins: config.corsOrigins, inFlight }, logger);
  await adapter.connectToRedis();
  app.useWebSocketAdapter(adapter);
  app.get(HealthService).register('redis', () => adapter.health());
  return adapter;
}
