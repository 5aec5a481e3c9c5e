// Copies the face-api weights the engine needs into models/ and verifies them against models/SHA256SUMS.
// Usage: node dist/scripts/models-sync.js [--dir models] [--write-sums]
import { resolve } from 'node:path';
import { defaultModelsDir, syncModels } from '#face';

const args = process.argv.slice(2);
const dirIndex = args.indexOf('--dir');
const dir = dirIndex >= 0 ? resolve(args[dirIndex + 1]) : defaultModelsDir();

try {
  const r = await syncModels(dir, { writeSums: args.includes('--write-sums') });
  console.log(`models: ${dir} verified (${r.copied.length} copied, ${r.unchanged.length} unchanged)`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
