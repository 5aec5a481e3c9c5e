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
  return mjpegOfImage(photo(file), frames, dir);
}

/** As mjpegOf, for any image: a file path or the bytes of one made by the test (a QR code, say). */
export async function mjpegOfImage(image: string | Buffer, frames: number, dir: string, name = 'camera.mjpeg'): Promise<string> {
  const meta = await sharp(image).metadata();
  const height = Math.round(((meta.height ?? 480) * 640) / (meta.width ?? 640) / 2) * 2;
  const jpeg = await sharp(image).resize({ width: 640, height, fit: 'cover' }).removeAlpha().jpeg({ quality: 90 }).toBuffer();
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat(Array.from({ length: frames }, () => jpeg)));
  return path;
}

/**
 * A YUV4MPEG2 file for Chromium's fake camera (`--use-file-for-fake-video-capture=<file>.y4m`): the photo resized to
 * `width`x`height`, converted RGB -> I420 (BT.601, studio range), `frames` frames with a small moving bar so that
 * consecutive frames differ and the encoder keeps sending. Made at test time; never committed.
 */
export async function y4mOf(file: string, dir: string, width = 320, height = 240, frames = 30): Promise<string> {
  const rgb = await sharp(photo(file)).resize({ width, height, fit: 'cover' }).removeAlpha().raw().toBuffer();
  const ySize = width * height;
  const cSize = (width / 2) * (height / 2);
  const base = Buffer.alloc(ySize + 2 * cSize);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      base[y * width + x] = Math.round(16 + (65.738 * rgb[i] + 129.057 * rgb[i + 1] + 25.064 * rgb[i + 2]) / 256);
    }
  }
  for (let y = 0; y < height / 2; y++) {
    for (let x = 0; x < width / 2; x++) {
      // the chroma of a 2x2 block is the mean of its four pixels
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
        const i = ((2 * y + dy) * width + 2 * x + dx) * 3;
        r += rgb[i];
        g += rgb[i + 1];
        b += rgb[i + 2];
      }
      r /= 4;
      g /= 4;
      b /= 4;
      base[ySize + y * (width / 2) + x] = Math.round(128 + (-37.945 * r - 74.494 * g + 112.439 * b) / 256);
      base[ySize + cSize + y * (width / 2) + x] = Math.round(128 + (112.439 * r - 94.154 * g - 18.285 * b) / 256);
    }
  }
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F15:1 Ip A1:1 C420jpeg\n`)];
  for (let f = 0; f < frames; f++) {
    const frame = Buffer.from(base);
    // a light bar along the bottom edge, moving across
    const x0 = Math.floor((f / frames) * width);
    for (let y = height - 6; y < height; y++) for (let x = x0; x < Math.min(width, x0 + 16); x++) frame[y * width + x] = 235;
    parts.push(Buffer.from('FRAME\n'), frame);
  }
  const path = join(dir, 'camera.y4m');
  writeFileSync(path, Buffer.concat(parts));
  return path;
}
