import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Leader election per job through PostgreSQL, so countdowns and deadlines fire once, not once per instance. */
@Injectable()
export class LeaseService {
  /** This process; a restarted instance is a new holder and waits for the old lease to expire. */
  readonly holder = `${process.pid}-${randomUUID()}`;

  constructor(private readonly dataSource: DataSource) {}

  /** True when this instance holds the lease for the next ttlMs (renewing it if it already did). */
  async tryAcquire(name: string, ttlMs: number): Promise<boolean> {
    const rows = await this.dataSource.query<{ holder: string }[]>(
      `INSERT INTO scheduler_leases (name, holder, expires_at) VALUES ($1, $2, now() + ($3 || ' milliseconds')::interval)
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE scheduler_leases.expires_at < now() OR scheduler_leases.holder = EXCLUDED.holder
       RETURNING holder`,
      [name, this.holder, String(Math.max(1, Math.round(ttlMs)))],
    );
    return rows.length === 1;
  }

  async release(name: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM scheduler_leases WHERE name = $1 AND holder = $2`, [name, this.holder]);
  }
}
