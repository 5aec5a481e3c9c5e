import sharp, { type Metadata } from 'sharp';
import { FaceError, FaceErrorCode } from '../common/face-error.js';

export type ImageType = 'jpeg' | 'png';

export interface ImageLimits {
  /** Largest accepted upload in bytes. */
  maxBytes: number;
  /** Largest accepted image in pixels (width x height), checked from the header before decoding. */
  maxPixels: number;
  /** Longest side after downscaling; detection never needs more. */
  maxSide: number;
}

export const DEFAULT_IMAGE_LIMITS: Readonly<ImageLimits> = {
  maxBytes: 10 * 1024 * 1024,
  maxPixels: 40_000_000,
  maxSide: 1024,
};

/** RGB pixels ready for the network, plus the factor back to original-image pixels. */
export interface DecodedImage {
  data: Uint8Array;
  width: number;
  height: number;
  originalWidth: number;
  originalHeight: number;
  /** original pixels per decoded pixel (>= 1). */
  scale: number;
}

/** Content sniffing: the file name and client MIME type are never trusted. */
export function sniffImageType(buf: Uint8Array): ImageType | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length >= png.length && png.every((b, i) => buf[i] === b)) return 'png';
  return null;
}

/** Cheap checks that need no decoding; run on the main thread before a job is queued. */
export function precheckImage(buf: Uint8Array, limits: Pick<ImageLimits, 'maxBytes'>): ImageType {
  if (buf.length === 0) throw new FaceError(FaceErrorCode.IMAGE_INVALID, 'Empty image');
  if (buf.length > limits.maxBytes) {
    throw new FaceError(FaceErrorCode.IMAGE_TOO_LARGE, `Image is larger than ${limits.maxBytes} bytes`, {
      bytes: buf.length,
      maxBytes: limits.maxBytes,
    });
  }
  const type = sniffImageType(buf);
  if (!type) throw new FaceError(FaceErrorCode.IMAGE_UNSUPPORTED_TYPE, 'Only JPEG and PNG images are accepted');
  return type;
}

/** Decodes JPEG/PNG to RGB with EXIF orientation applied, downscaled so the longest side is <= maxSide. */
export async function decodeImage(buf: Uint8Array, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Promise<DecodedImage> {
  const type = precheckImage(buf, limits);
  let meta: Metadata;
  try {
    meta = await sharp(buf, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw new FaceError(FaceErrorCode.IMAGE_INVALID, `Unreadable image: ${errorMessage(err)}`);
  }
  if (meta.format !== type) throw new FaceError(FaceErrorCode.IMAGE_UNSUPPORTED_TYPE, 'Only JPEG and PNG images are accepted');
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  if (w <= 0 || h <= 0) throw new FaceError(FaceErrorCode.IMAGE_INVALID, 'Image has zero size');
  if (w * h > limits.maxPixels) {
    throw new FaceError(FaceErrorCode.IMAGE_TOO_LARGE, `Image exceeds ${limits.maxPixels} pixels`, {
      width: w,
      height: h,
      maxPixels: limits.maxPixels,
    });
  }
  // EXIF orientations 5-8 swap width and height once rotate() is applied.
  const swapped = (meta.orientation ?? 1) >= 5;
  const originalWidth = swapped ? h : w;
  const originalHeight = swapped ? w : h;
  // Never upscale: measured, enlarging small crops made the tiny detector and the descriptors worse.
  const target = Math.min(Math.max(originalWidth, originalHeight), limits.maxSide);
  try {
    const { data, info } = await sharp(buf, { limitInputPixels: limits.maxPixels, failOn: 'truncated' })
      .rotate()
      .resize({ width: target, height: target, fit: 'inside' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`);
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height,
      originalWidth,
      originalHeight,
      scale: originalWidth / info.width,
    };
  } catch (err) {
    throw new FaceError(FaceErrorCode.IMAGE_INVALID, `Corrupt or truncated image: ${errorMessage(err)}`);
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
