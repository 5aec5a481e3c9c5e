import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock, HealthService, JsonLogger, LeaseService, type ComponentHealth } from '#core';
import { LiveKitClients } from '../livekit.clients.js';
import { ConferenceRoomsService } from './conference-rooms.service.js';

/**
 * Every LIVEKIT_RECONCILE_INTERVAL_SECONDS (default 60) one instance (a lease) makes rooms follow meeting statuses and
 * compares online sessions with LiveKit's participant list, catching webhooks that never came. Also reports health.
 */
@Injectable()
export class ConferenceReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastRunAt: Date | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly livekit: LiveKitClients,
    private readonly rooms: ConferenceRoomsService,
    private readonly lease: LeaseService,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
    health: HealthService,
  ) {
    health.register('conferencing', () => this.health());
  }

  onApplicationBootstrap(): void {
    const seconds = this.livekit.config?.reconcileIntervalSeconds ?? 0;
    if (!this.livekit.enabled || seconds <= 0) return;
    this.timer = setInterval(() => void this.run(), seconds * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass; concurrent calls share the pass in progress. */
  run(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<void> {
    if (!this.livekit.enabled) return;
    const seconds = this.livekit.config?.reconcileIntervalSeconds || 60;
    try {
      if (!(await this.lease.tryAcquire('conference-reconcile', seconds * 2000))) return;
      const result = await this.rooms.syncAll();
      this.lastRunAt = this.clock.now();
      this.lastError = null;
      if (result.opened || result.closed || result.roomsClosed) this.logger.write('info', 'conference reconcile', { ...result });
    } catch (err: unknown) {
      this.lastError = err instanceof Error ? err.message : String(err);
      this.logger.write('error', 'conference reconcile failed', { error: this.lastError });
    }
  }

  private health(): ComponentHealth {
    const c = this.livekit.config;
    if (!c) return { status: 'disabled', reason: 'LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET are not set' };
    return {
      status: this.lastError ? 'degraded' : 'up',
      url: c.publicUrl,
      egress: c.egress.enabled,
      lastReconcileAt: this.lastRunAt?.toISOString() ?? null,
      ...(this.lastError ? { error: this.lastError } : {}),
    };
  }
}
