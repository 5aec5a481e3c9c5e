import { writeFileSync } from 'node:fs';
import { renderSchemasModule, renderSocketDoc, SCHEMAS_FILE, SOCKET_DOC_FILE } from './lib/contract-docs.js';

/**
 * Writes what is derived from libs/contracts: `sockets` (docs/socket-events.md), `schemas` (the OpenAPI schemas in
 * libs/core/src/http/contract-schemas.ts), or both. Run from the repository root:
 * npm run docs:sockets | npm run docs:contract
 */
const what = process.argv[2] ?? 'all';
if (what === 'sockets' || what === 'all') {
  writeFileSync(SOCKET_DOC_FILE, renderSocketDoc());
  console.log(`wrote ${SOCKET_DOC_FILE}`);
}
if (what === 'schemas' || what === 'all') {
  writeFileSync(SCHEMAS_FILE, renderSchemasModule());
  console.log(`wrote ${SCHEMAS_FILE}`);
}
