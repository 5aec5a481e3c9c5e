import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { findRepoRoot } from './repo-paths.js';

/** Shared real photos, kept beside the repository (`../shared/faces`) locally and in CI. */
export const FACES_DIR = join(findRepoRoot(dirname(fileURLToPath(import.meta.url))), '..', 'shared', 'faces');

export function hasFaces(): boolean {
  return existsSync(join(FACES_DIR, 'manifest.csv'));
}

export function photo(rel: string): Promise<Buffer> {
  return readFile(join(FACES_DIR, rel));
}

/** A textured image with no face in it. */
export function noFaceImage(): Promise<Buffer> {
  const w = 320;
  const h = 240;
  const px = Buffer.alloc(w * h * 3);
  for (let i = 0; i < px.length; i++) px[i] = (i * 37 + Math.floor(i / 960) * 11) % 256;
  return sharp(px, { raw: { width: w, height: h, channels: 3 } }).jpeg().toBuffer();
}

/** 8000 x 8000 = 64 MP, tiny on disk: only the header check can stop it. */
export function hugePng(): Promise<Buffer> {
  return sharp({ create: { width: 8000, height: 8000, channels: 3, background: '#808080' } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

export function onePixelPng(): Promise<Buffer> {
  return sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } }).png().toBuffer();
}
