import { Init1795380848040 } from './1795380848040-Init.js';

/** Migrations in order; listed explicitly so ESM, jest and the compiled build load the same set. */
export const MIGRATIONS = [Init1795380848040];
