import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, JsonLogger, LeaseService, type AppConfig } from '#core';
import { PollLifecycleService } from '../polls/poll-lifecycle.service.js';

/** Closes polls whose countdown ran out, on one instance at a time (a lease), by the core Clock. */
@Injectable()
export class PollCountdownScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lifecycle: PollLifecycleService,
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

  /** One pass; returns the ids it closed. Tests call it after moving the Clock. */
  async run(): Promise<string[]> {
    if (this.running) return [];
    this.running = true;
    const closed: string[] = [];
    try {
      if (!(await this.lease.tryAcquire('poll-countdown', Math.max(this.config.schedulerIntervalSeconds, 1) * 2000))) return [];
      for (const id of await this.lifecycle.due()) {
        try {
          await this.lifecycle.close(null, id, true);
          closed.push(id);
        } catch (err: unknown) {
          // a chair closing it at the same moment wins; anything else is logged and retried next pass
          this.logger.write('warn', 'poll countdown close skipped', { pollId: id, error: err instanceof Error ? err.message : String(err) });
        }
      }
      if (closed.length > 0) this.logger.write('info', 'polls closed by countdown', { polls: closed });
    } catch (err: unknown) {
      this.logger.write('error', 'poll countdown pass failed', { error: err instanceof Error ? err.message : String(err) });
    } finally {
      this.running = false;
    }
    return closed;
  }
}
