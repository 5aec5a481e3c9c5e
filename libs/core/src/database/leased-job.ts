import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import type { JsonLogger } from '../logging/json.logger.js';
import type { LeaseService } from './lease.service.js';

/**
 * A timer that runs `work` every `config.schedulerIntervalSeconds` on one instance at a time (a PostgreSQL lease),
 * never overlapping itself. Tests call `run()` after moving the Clock.
 */
export abstract class LeasedJob<R> implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  protected constructor(
    private readonly name: string,
    /** What run() answers when it did nothing (already running, another instance holds the lease, or it failed). */
    private readonly nothing: () => R,
    protected readonly config: AppConfig,
    protected readonly lease: LeaseService,
    protected readonly logger: JsonLogger,
  ) {}

  protected abstract work(): Promise<R>;

  onApplicationBootstrap(): void {
    const seconds = this.config.schedulerIntervalSeconds;
    if (seconds <= 0) return;
    this.timer = setInterval(() => void this.run(), seconds * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async run(): Promise<R> {
    if (this.running) return this.nothing();
    this.running = true;
    try {
      if (!(await this.lease.tryAcquire(this.name, Math.max(this.config.schedulerIntervalSeconds, 1) * 2000))) return this.nothing();
      return await this.work();
    } catch (err: unknown) {
      this.logger.write('error', `${this.name} pass failed`, { error: err instanceof Error ? err.message : String(err) });
      return this.nothing();
    } finally {
      this.running = false;
    }
  }
}
