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
 * Kiosk frames (libs/face/README.md, "Kiosk frames"): no SSD, no 608 input, no mirror pass. A person at the kiosk is
 * found at input 224 (~1/3 of the 416 cost); a frame whose faces are small at 224 (where 224 starts missing faces,
 * e.g. others beside them) falls through to 416; a face filling the frame gets the padded run, at 224 too.
 */
export const FRAME_PIPELINE: Readonly<{ attempts: readonly DetectionAttempt[]; flipAverage: boolean }> = {
  attempts: [
    { detector: 'tiny', maxInputSize: 224, minFaceInputPx: 64 },
    { detector: 'tiny' },
    { detector: 'tiny', pad: 0.5, maxInputSize: 224 },
  ],
  flipAverage: false,
};

/** One detector run as it will execute: identical runs are done once per image. */
export interface PlannedRun {
  detector: DetectionAttempt['detector'];
  /** Tiny detector input size; null for SSD. */
  inputSize: number | null;
  padPx: number;
}

/** What an attempt runs on an image of this size (border in decoded pixels, tiny input size after the caps). */
export function planRun(attempt: DetectionAttempt, width: number, height: number): PlannedRun {
  const padPx = Math.round((attempt.pad ?? 0) * Math.max(width, height));
  const inputSize =
    attempt.detector === 'tiny' ? (attempt.inputSize ?? autoInputSize(width + 2 * padPx, height + 2 * padPx, attempt.maxInputSize)) : null;
  return { detector: attempt.detector, inputSize, padPx };
}

/** Width of the smallest face in detector-input pixels (the tiny detector squares, then scales the image). */
export function smallestFaceInputPx(boxWidths: readonly number[], run: PlannedRun, width: number, height: number): number {
  if (run.inputSize === null || boxWidths.length === 0) return Infinity;
  const scale = run.inputSize / Math.max(width + 2 * run.padPx, height + 2 * run.padPx);
  return Math.min(...boxWidths) * scale;
}

/** Tiny detector input: never upscale a small image (its anchors then miss a face that fills the frame). */
export function autoInputSize(width: number, height: number, max = 416): number {
  return Math.min(max, Math.max(160, Math.round(Math.max(width, height) / 32) * 32));
}

export const DEFAULT_MIN_SCORE = 0.5;

/** Mirror averaging: +1 recogniser pass per face, measured to tighten genuine distances by ~0.03. */
export const DEFAULT_FLIP_AVERAGE = true;

type FaceInput = Parameters<LoadedFaceApi['faceapi']['detectAllFaces']>[0];
type FaceDetection = Awaited<ReturnType<LoadedFaceApi['faceapi']['detectAllFaces']>>[number];

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
  // Detections per executed run: a later attempt that plans the same run reuses them instead of running it again.
  const done = new Map<string, FaceDetection[]>();
  try {
    for (const attempt of attempts) {
      const run = planRun(attempt, image.width, image.height);
      const { padPx } = run;
      const key = `${run.detector}/${run.inputSize}/${padPx}`;
      if (done.get(key)?.length === 0) continue;
      const input: Tensor3D =
        padPx > 0
          ? tf.pad(base, [[padPx, padPx], [padPx, padPx], [0, 0]], 128)
          : base;
      try {
        let detections = done.get(key);
        if (!detections) {
          const options =
            run.inputSize !== null
              ? new faceapi.TinyFaceDetectorOptions({ inputSize: run.inputSize, scoreThreshold: minScore })
              : new faceapi.SsdMobilenetv1Options({ minConfidence: minScore });
          detections = await faceapi.detectAllFaces(input as unknown as FaceInput, options);
          done.set(key, detections);
        }
        if (detections.length === 0) continue;
        // A small input misses faces near its size limit: when a found face is that small, others may be missing.
        const smallest = smallestFaceInputPx(detections.map((d) => d.box.width), run, image.width, image.height);
        if (attempt.minFaceInputPx !== undefined && smallest < attempt.minFaceInputPx) continue;
        // Landmarks and descriptors only for the attempt whose detections are kept (face-api's own chain).
        const results = await new faceapi.DetectAllFaceLandmarksTask(
          Promise.resolve(detections.map((d) => faceapi.extendWithFaceDetection({}, d))),
          input as unknown as FaceInput,
          false,
        ).withFaceDescriptors();
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
        const label = `${attempt.detector}${run.inputSize !== null ? `@${run.inputSize}` : ''}${padPx ? `+pad${attempt.pad}` : ''}`;
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
