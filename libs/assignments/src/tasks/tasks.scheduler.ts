import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, JsonLogger, LeasedJob, LeaseService, type AppConfig } from '#core';
import { TaskDeadlinesService } from './task-deadlines.service.js';

/** Flips tasks past their deadline to overdue and sends reminders, on one instance at a time. */
@Injectable()
export class TasksScheduler extends LeasedJob<{ overdue: number; reminded: number; mailed: number }> {
  constructor(@Inject(APP_CONFIG) config: AppConfig, lease: LeaseService, logger: JsonLogger, private readonly deadlines: TaskDeadlinesService) {
    super('assignment-tasks', () => ({ overdue: 0, reminded: 0, mailed: 0 }), config, lease, logger);
  }

  protected async work(): Promise<{ overdue: number; reminded: number; mailed: number }> {
    const result = await this.deadlines.tick();
    if (result.overdue || result.reminded || result.mailed) this.logger.write('info', 'assignment tasks tick', { ...result });
    return result;
  }
}
