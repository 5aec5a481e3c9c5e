import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { FaceError, FaceErrorCode } from '../common/face-error.js';
import { hugePng, onePixelPng, photo } from '../common/face-test.fixtures.js';
import { DEFAULT_IMAGE_LIMITS, decodeImage, sniffImageType } from './image-decoder.js';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FaceError);
    return (err as FaceError).code;
  }
  return 'resolved';
}

describe('decodeImage', () => {
  it('decodes JPEG and PNG by content and downscales to maxSide', async () => {
    const jpeg = await photo('deepface/img1.jpg');
    const img = await decodeImage(jpeg, { ...DEFAULT_IMAGE_LIMITS, maxSide: 512 });
    expect(Math.max(img.width, img.height)).toBe(512);
    expect(img.data.length).toBe(img.width * img.height * 3);
    expect(img.scale).toBeCloseTo(Math.max(img.originalWidth, img.originalHeight) / 512, 5);
    const png = await photo('bbt/amy/amy1.png');
    expect(sniffImageType(png)).toBe('png');
    expect((await decodeImage(png)).width).toBe(150);
  });

  it('applies EXIF orientation', async () => {
    const rotated = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#ff0000' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const img = await decodeImage(rotated);
    expect([img.width, img.height]).toEqual([20, 40]);
  });

  it('rejects non-images, other formats, truncated files, huge and empty inputs with typed codes', async () => {
    expect(await codeOf(decodeImage(Buffer.from('hello, I am a text file')))).toBe(FaceErrorCode.IMAGE_UNSUPPORTED_TYPE);
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).gif().toBuffer();
    expect(await codeOf(decodeImage(gif))).toBe(FaceErrorCode.IMAGE_UNSUPPORTED_TYPE);
    const jpeg = await photo('deepface/img1.jpg');
    expect(await codeOf(decodeImage(jpeg.subarray(0, Math.floor(jpeg.length * 0.4))))).toBe(FaceErrorCode.IMAGE_INVALID);
    expect(await codeOf(decodeImage(jpeg.subarray(0, 50)))).toBe(FaceErrorCode.IMAGE_INVALID);
    expect(await codeOf(decodeImage(Buffer.alloc(0)))).toBe(FaceErrorCode.IMAGE_INVALID);
    const big = Buffer.alloc(DEFAULT_IMAGE_LIMITS.maxBytes + 1);
    big.set([0xff, 0xd8, 0xff]);
    expect(await codeOf(decodeImage(big))).toBe(FaceErrorCode.IMAGE_TOO_LARGE);
    expect(await codeOf(decodeImage(await hugePng()))).toBe(FaceErrorCode.IMAGE_TOO_LARGE);
  });

  it('accepts a 1x1 image (it simply has no face)', async () => {
    const img = await decodeImage(await onePixelPng());
    expect([img.width, img.height]).toEqual([1, 1]);
  });
});
