import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, JsonLogger, type AppConfig } from '#core';
import { RoundsService } from './rounds.service.js';

/** Closes rounds at their deadline and sends reminders; every step is conditional, so overlapping runs are harmless. */
@Injectable()
export class RoundsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rounds: RoundsService,
    private readonly logger: JsonLogger,
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
      const result = await this.rounds.tick();
      if (result.closed || result.reminded) this.logger.write('info', 'opinion rounds tick', { ...result });
    } catch (err: unknown) {
      this.logger.write('error', 'opinion rounds tick failed', { error: err instanceof Error ? err.message : String(err) });
    } finally {
      this.running = false;
    }
  }
}
