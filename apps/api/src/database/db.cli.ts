import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '#core';
import { createDataSource, pendingSchemaChanges } from './data-source.js';

/** Appends the new class to the ordered list in migrations/index.ts. */
function registerMigration(indexFile: string, className: string, fileBase: string): void {
  const source = readFileSync(indexFile, 'utf8');
  const withImport = source.replace(/\n\n\/\*\*/, `\nimport { ${className} } from './${fileBase}.js';\n\n/**`);
  writeFileSync(indexFile, withImport.replace(/\];\s*$/, `, ${className}];\n`).replace('[, ', '['));
}

/** npm run db:migrate | db:revert | db:check | db:generate -- <Name> */
async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  const config = loadConfig();
  const dataSource = createDataSource(config.database);
  await dataSource.initialize();
  try {
    switch (command) {
      case 'migrate': {
        const ran = await dataSource.runMigrations({ transaction: 'each' });
        console.log(JSON.stringify({ migrated: ran.map((m) => m.name), database: config.database.kind }));
        return 0;
      }
      case 'revert':
        await dataSource.undoLastMigration({ transaction: 'each' });
        return 0;
      case 'check': {
        await dataSource.runMigrations({ transaction: 'each' });
        const { up } = await pendingSchemaChanges(dataSource);
        if (up.length > 0) {
          console.error(`Entities and migrations drift; missing SQL:\n${up.join(';\n')}`);
          return 1;
        }
        console.log('Entities and migrations agree.');
        return 0;
      }
      case 'generate': {
        if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: db:generate -- <PascalCaseName>');
        await dataSource.runMigrations({ transaction: 'each' });
        const { up, down } = await pendingSchemaChanges(dataSource);
        if (up.length === 0) {
          console.log('No changes.');
          return 0;
        }
        const stamp = Date.now();
        const esc = (q: string): string => '`' + q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
        const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${stamp} implements MigrationInterface {
  name = '${name}${stamp}';

  async up(q: QueryRunner): Promise<void> {
${up.map((s) => `    await q.query(${esc(s)});`).join('\n')}
  }

  async down(q: QueryRunner): Promise<void> {
${down.reverse().map((s) => `    await q.query(${esc(s)});`).join('\n')}
  }
}
`;
        const dir = join(process.cwd(), 'apps/api/src/database/migrations');
        const file = join(dir, `${stamp}-${name}.ts`);
        writeFileSync(file, body);
        registerMigration(join(dir, 'index.ts'), `${name}${stamp}`, `${stamp}-${name}`);
        console.log(`Wrote ${file} and listed it in migrations/index.ts; read it before committing.`);
        return 0;
      }
      default:
        console.error('usage: db.cli (migrate | revert | check | generate <Name>)');
        return 2;
    }
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  },
);
