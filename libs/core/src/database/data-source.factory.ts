import { mkdirSync } from 'node:fs';
import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { createPgliteDriver } from './pglite.driver.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityList = MixedList<Function | string | EntitySchema>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type MigrationList = MixedList<Function | string>;

/** The same entities and migrations run on embedded PGlite and on PostgreSQL; only the driver differs. */
export function buildDataSourceOptions(
  database: AppConfig['database'],
  entities: EntityList,
  migrations: MigrationList,
): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each' as const,
    logging: ['error' as const],
  };
  if (database.kind === 'postgres') {
    return {
      ...common,
      url: database.url,
      poolSize: database.poolSize,
      extra: { connectionTimeoutMillis: 5000 },
    };
  }
  const inMemory = database.dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(database.dataDir, { recursive: true });
  return {
    ...common,
    driver: createPgliteDriver(inMemory ? undefined : database.dataDir, { fsync: database.fsync }),
  };
}
