import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, JsonLogger, LeaseService, type AppConfig } from '#core';
import { RoundsService } from './rounds.service.js';

/** Closes rounds at their deadline and sends reminders, on one instance at a time (a lease). */
@Injectable()
export class RoundsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rounds: RoundsService,
    private readonly logger: JsonLogger,
    private readonly lease: LeaseService,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.schedulerIntervalSeconds;
    if (seconds <= 0) return;
    this.timer = setInterval(() => void this.run(), seconds * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      // one instance works the deadlines; the others skip until its lease lapses
      if (!(await this.lease.tryAcquire('opinion-rounds', this.config.schedulerIntervalSeconds * 2000))) return;
      const result = await this.rounds.tick();
      if (result.closed || result.reminded) this.logger.write('info', 'opinion rounds tick', { ...result });
    } catch (err: unknown) {
      this.logger.write('error', 'opinion rounds tick failed', { error: err instanceof Error ? err.message : String(err) });
    } finally {
      this.running = false;
    }
  }
}
