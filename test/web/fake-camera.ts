import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { photo } from '../factories/face.factory.js';

/** Chromium flags that replace the camera with `video` and grant the permission without a prompt. */
export const fakeCameraArgs = (video: string): string[] => ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`];

/**
 * An MJPEG file for Chromium's fake camera: the same JPEG frame `frames` times, 640 px wide. Both sides must be even
 * (Chromium converts to I420; an odd height gives a 2x2 black video).
 */
export async function mjpegOf(file: string, frames: number, dir: string): Promise<string> {
  const meta = await sharp(photo(file)).metadata();
  const height = Math.round(((meta.height ?? 480) * 640) / (meta.width ?? 640) / 2) * 2;
  const jpeg = await sharp(photo(file)).resize({ width: 640, height, fit: 'cover' }).removeAlpha().jpeg({ quality: 90 }).toBuffer();
  const path = join(dir, 'camera.mjpeg');
  writeFileSync(path, Buffer.concat(Array.from({ length: frames }, () => jpeg)));
  return path;
}
