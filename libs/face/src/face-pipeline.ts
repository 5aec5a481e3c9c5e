import type { Tensor3D } from '@tensorflow/tfjs-core';
import type { DecodedImage } from './image-decoder.js';
import type { LoadedFaceApi } from './face-api.loader.js';
import type { DetectedFace, DetectionAttempt, DetectOptions } from './face.types.js';

/** Chosen by measurement (libs/face/README.md): fast tiny detector first, padding for tight crops, SSD last. */
export const DEFAULT_ATTEMPTS: readonly DetectionAttempt[] = [
  { detector: 'tiny' },
  { detector: 'tiny', pad: 0.25 },
  { detector: 'tiny', pad: 0.5 },
  { detector: 'tiny', inputSize: 608 },
  { detector: 'ssd', pad: 0.25 },
];

/**
 * Kiosk frames (libs/face/README.md, "Kiosk frames"): no SSD, no 608 input (faces under ~80 px in a 640 px frame are
 * below the enrolment size anyway), no mirror pass. An empty frame costs two tiny runs instead of four plus SSD.
 */
export const FRAME_PIPELINE: Readonly<{ attempts: readonly DetectionAttempt[]; flipAverage: boolean }> = {
  attempts: [{ detector: 'tiny' }, { detector: 'tiny', pad: 0.5 }],
  flipAverage: false,
};

/** Tiny detector input: never upscale a small image (its anchors then miss a face that fills the frame). */
export function autoInputSize(width: number, height: number, max = 416): number {
  return Math.min(max, Math.max(160, Math.round(Math.max(width, height) / 32) * 32));
}

export const DEFAULT_MIN_SCORE = 0.5;

/** Mirror averaging: +1 recogniser pass per face, measured to tighten genuine distances by ~0.03. */
export const DEFAULT_FLIP_AVERAGE = true;

type FaceInput = Parameters<LoadedFaceApi['faceapi']['detectAllFaces']>[0];

/** Runs the attempts in order on one decoded image; returns faces largest first, boxes in original pixels. */
export async function runFacePipeline(
  api: LoadedFaceApi,
  image: DecodedImage,
  opts: Pick<DetectOptions, 'attempts' | 'minScore' | 'flipAverage'> = {},
): Promise<DetectedFace[]> {
  const { tf, faceapi } = api;
  const attempts = opts.attempts ?? DEFAULT_ATTEMPTS;
  const minScore = opts.minScore ?? DEFAULT_MIN_SCORE;
  const base = tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
  try {
    for (const attempt of attempts) {
      const padPx = Math.round((attempt.pad ?? 0) * Math.max(image.width, image.height));
      const input: Tensor3D =
        padPx > 0
          ? tf.pad(base, [[padPx, padPx], [padPx, padPx], [0, 0]], 128)
          : base;
      const inputSize = attempt.inputSize ?? autoInputSize(image.width + 2 * padPx, image.height + 2 * padPx, attempt.maxInputSize);
      try {
        const options =
          attempt.detector === 'tiny'
            ? new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: minScore })
            : new faceapi.SsdMobilenetv1Options({ minConfidence: minScore });
        const results = await faceapi
          .detectAllFaces(input as unknown as FaceInput, options)
          .withFaceLandmarks()
          .withFaceDescriptors();
        if (results.length === 0) continue;
        const usable = results.filter((r) => descriptorNorm(r.descriptor) > 1e-3);
        // face-api returns an all-zero descriptor for a degenerate crop: such a face cannot be recognised.
        if (usable.length === 0) continue;
        if (opts.flipAverage ?? DEFAULT_FLIP_AVERAGE) {
          for (const r of usable) {
            const rect = r.landmarks.align(null, { useDlibAlignment: true });
            const [crop] = await faceapi.extractFaceTensors(input as unknown as Parameters<typeof faceapi.extractFaceTensors>[0], [rect]);
            const mirrored = tf.reverse(crop as unknown as Tensor3D, 1);
            try {
              const d2 = (await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(mirrored as unknown as FaceInput)) as Float32Array;
              // Averaging with the mirror image cancels part of the pose/lighting asymmetry.
              for (let i = 0; i < r.descriptor.length; i++) r.descriptor[i] = (r.descriptor[i] + d2[i]) / 2;
            } finally {
              mirrored.dispose();
              (crop as unknown as Tensor3D).dispose();
            }
          }
        }
        const label = `${attempt.detector}${attempt.detector === 'tiny' ? `@${inputSize}` : ''}${padPx ? `+pad${attempt.pad}` : ''}`;
        const faces = usable.map((r): DetectedFace => {
          const b = r.detection.box;
          const x0 = clamp(b.x - padPx, 0, image.width);
          const y0 = clamp(b.y - padPx, 0, image.height);
          const x1 = clamp(b.x + b.width - padPx, 0, image.width);
          const y1 = clamp(b.y + b.height - padPx, 0, image.height);
          return {
            box: {
              x: Math.round(x0 * image.scale),
              y: Math.round(y0 * image.scale),
              width: Math.round((x1 - x0) * image.scale),
              height: Math.round((y1 - y0) * image.scale),
            },
            score: r.detection.score,
            descriptor: Float32Array.from(r.descriptor),
            detector: label,
          };
        });
        return faces.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
      } finally {
        if (input !== base) input.dispose();
      }
    }
    return [];
  } finally {
    base.dispose();
  }
}

function descriptorNorm(d: Float32Array): number {
  let s = 0;
  for (const v of d) s += v * v;
  return Math.sqrt(s);
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
