import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FaceError, FaceErrorCode } from '../common/face-error.js';

/** Weights the pipeline uses: two detectors, 68-point landmarks (for alignment) and the 128-d recogniser. */
export const MODEL_NAMES = [
  'tiny_face_detector_model',
  'ssd_mobilenetv1_model',
  'face_landmark_68_model',
  'face_recognition_model',
] as const;

export const MODEL_FILES: readonly string[] = MODEL_NAMES.flatMap((n) => [`${n}-weights_manifest.json`, `${n}.bin`]);

export const SUMS_FILE = 'SHA256SUMS';

export function faceApiModelSourceDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
}

async function sha256(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

export async function readSums(modelsDir: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(join(modelsDir, SUMS_FILE), 'utf8');
  } catch {
    throw new FaceError(FaceErrorCode.MODELS_INVALID, `${join(modelsDir, SUMS_FILE)} is missing`);
  }
  const sums = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{64})\s+\*?(\S+)\s*$/.exec(line.trim());
    if (m) sums.set(m[2], m[1]);
  }
  return sums;
}

/** Throws MODELS_INVALID unless every model file exists and matches SHA256SUMS. */
export async function verifyModels(modelsDir: string): Promise<void> {
  const sums = await readSums(modelsDir);
  const problems: string[] = [];
  for (const file of MODEL_FILES) {
    const expected = sums.get(file);
    const path = join(modelsDir, file);
    if (!expected) problems.push(`${file}: no checksum`);
    else if (!existsSync(path)) problems.push(`${file}: missing`);
    else if ((await sha256(path)) !== expected) problems.push(`${file}: checksum mismatch`);
  }
  if (problems.length) {
    throw new FaceError(FaceErrorCode.MODELS_INVALID, `Face models invalid in ${modelsDir}: ${problems.join('; ')}`, {
      problems,
    });
  }
}

export interface SyncResult {
  copied: string[];
  unchanged: string[];
}

/** Copies weights from the face-api package into modelsDir (atomically), then verifies them. */
export async function syncModels(
  modelsDir: string,
  opts: { sourceDir?: string; writeSums?: boolean } = {},
): Promise<SyncResult> {
  const sourceDir = opts.sourceDir ?? faceApiModelSourceDir();
  await mkdir(modelsDir, { recursive: true });
  const result: SyncResult = { copied: [], unchanged: [] };
  for (const file of MODEL_FILES) {
    const src = join(sourceDir, file);
    const dst = join(modelsDir, file);
    if (existsSync(dst) && (await sha256(dst)) === (await sha256(src))) {
      result.unchanged.push(file);
      continue;
    }
    // Copy-then-rename so a worker never reads a half-written file.
    const tmp = `${dst}.${process.pid}.tmp`;
    await copyFile(src, tmp);
    await rename(tmp, dst);
    result.copied.push(file);
  }
  if (opts.writeSums) {
    const lines: string[] = [];
    for (const file of MODEL_FILES) lines.push(`${await sha256(join(modelsDir, file))}  ${file}`);
    await writeFile(join(modelsDir, SUMS_FILE), lines.join('\n') + '\n');
  }
  await verifyModels(modelsDir);
  return result;
}

/** Verifies; when files are missing or stale, syncs from the package once and verifies again. */
export async function ensureModels(modelsDir: string): Promise<void> {
  try {
    await verifyModels(modelsDir);
  } catch (err) {
    if (!existsSync(join(modelsDir, SUMS_FILE))) throw err;
    await syncModels(modelsDir);
  }
}
