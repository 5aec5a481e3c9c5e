import type { MigrationInterface, QueryRunner } from 'typeorm';

export class KioskDeviceBinding1795748502045 implements MigrationInterface {
  name = 'KioskDeviceBinding1795748502045';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "kiosk_devices" ADD "device_hash" character(64)`);
    await q.query(`ALTER TABLE "kiosk_devices" ADD "bound_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "kiosk_devices" DROP COLUMN "bound_at"`);
    await q.query(`ALTER TABLE "kiosk_devices" DROP COLUMN "device_hash"`);
  }
}
