import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type ComponentStatus = 'up' | 'down' | 'degraded' | 'disabled';
export interface ComponentHealth {
  status: ComponentStatus;
  [detail: string]: unknown;
}
type Check = () => Promise<ComponentHealth> | ComponentHealth;

/** Libraries register their own checks (face backend, conferencing, redis) so health stays in one place. */
@Injectable()
export class HealthService {
  private readonly checks = new Map<string, Check>();

  constructor(private readonly dataSource: DataSource) {
    this.register('database', async () => {
      const started = Date.now();
      try {
        // a hung connection must not hang the health check that load balancers poll
        await Promise.race([
          this.dataSource.query('SELECT 1'),
          new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 2 s')), 2000).unref()),
        ]);
        const type = (this.dataSource.options as { driver?: unknown }).driver ? 'pglite' : 'postgres';
        return { status: 'up', driver: type, latencyMs: Date.now() - started };
      } catch (err: unknown) {
        return { status: 'down', error: err instanceof Error ? err.message : String(err) };
      }
    });
  }

  register(name: string, check: Check): void {
    this.checks.set(name, check);
  }

  async report(): Promise<{ status: 'ok' | 'degraded' | 'down'; components: Record<string, ComponentHealth> }> {
    const components: Record<string, ComponentHealth> = {};
    for (const [name, check] of this.checks) {
      try {
        components[name] = await check();
      } catch (err: unknown) {
        components[name] = { status: 'down', error: err instanceof Error ? err.message : String(err) };
      }
    }
    const statuses = Object.values(components).map((c) => c.status);
    const status = components.database?.status === 'down' ? 'down' : statuses.some((s) => s === 'down' || s === 'degraded') ? 'degraded' : 'ok';
    return { status, components };
  }
}
