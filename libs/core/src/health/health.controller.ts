import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiView } from '../http/api-view.js';
import { Public } from '../auth/auth.decorators.js';
import { Metrics } from '../metrics/metrics.js';
import { HealthService } from './health.service.js';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly metrics: Metrics,
  ) {}

  /** 503 when the database is unreachable, so load balancers take the instance out. */
  @Public()
  @Get('health')
  @ApiView('HealthReport')
  async check(@Res({ passthrough: true }) res: Response): Promise<Awaited<ReturnType<HealthService['report']>> & { uptimeSeconds: number; time: string }> {
    const report = await this.health.report();
    res.status(report.status === 'down' ? 503 : 200);
    return { ...report, uptimeSeconds: Math.round(process.uptime()), time: new Date().toISOString() };
  }

  @Public()
  @ApiExcludeEndpoint()
  @Get('metrics')
  async prometheus(@Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.send(await this.metrics.registry.metrics());
  }
}
