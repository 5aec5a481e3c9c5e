import { DataSource } from 'typeorm';
import { buildDataSourceOptions, type AppConfig } from '#core';
import { ALL_ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

export function createDataSource(database: AppConfig['database']): DataSource {
  return new DataSource(buildDataSourceOptions(database, ALL_ENTITIES, MIGRATIONS));
}

/** SQL that would bring the database in line with the entities; empty means no drift. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<{ up: string[]; down: string[] }> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: log.upQueries.map((q) => q.query),
    down: log.downQueries.map((q) => q.query),
  };
}
