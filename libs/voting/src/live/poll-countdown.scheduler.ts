import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, JsonLogger, LeasedJob, LeaseService, type AppConfig } from '#core';
import { PollLifecycleService } from '../polls/poll-lifecycle.service.js';

/** Closes polls whose countdown ran out, on one instance at a time, by the core Clock; run() returns the ids closed. */
@Injectable()
export class PollCountdownScheduler extends LeasedJob<string[]> {
  constructor(@Inject(APP_CONFIG) config: AppConfig, lease: LeaseService, logger: JsonLogger, private readonly lifecycle: PollLifecycleService) {
    super('poll-countdown', () => [], config, lease, logger);
  }

  protected async work(): Promise<string[]> {
    const closed: string[] = [];
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
    return closed;
  }
}
