import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, JsonLogger, LeasedJob, LeaseService, type AppConfig } from '#core';
import { RoundsService } from './rounds.service.js';

/** Closes rounds at their deadline and sends reminders, on one instance at a time. */
@Injectable()
export class RoundsScheduler extends LeasedJob<{ closed: number; reminded: number }> {
  constructor(@Inject(APP_CONFIG) config: AppConfig, lease: LeaseService, logger: JsonLogger, private readonly rounds: RoundsService) {
    super('opinion-rounds', () => ({ closed: 0, reminded: 0 }), config, lease, logger);
  }

  protected async work(): Promise<{ closed: number; reminded: number }> {
    const result = await this.rounds.tick();
    if (result.closed || result.reminded) this.logger.write('info', 'opinion rounds tick', { ...result });
    return result;
  }
}
