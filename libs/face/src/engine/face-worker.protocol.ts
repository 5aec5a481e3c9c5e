import type { BackendPreference } from './face-api.loader.js';
import type { ImageLimits } from './image-decoder.js';
import type { DetectedFace, DetectOptions } from './face.types.js';

export interface FaceWorkerData {
  modelsDir: string;
  backend: BackendPreference;
  limits: ImageLimits;
}

export type ToWorker = { type: 'job'; id: number; image: Uint8Array; opts: DetectOptions };

export type FromWorker =
  | { type: 'ready'; backend: string }
  | { type: 'init-error'; message: string }
  | { type: 'result'; id: number; faces: DetectedFace[]; ms: number; heapMb: number | null }
  | { type: 'error'; id: number; code: string; message: string; details?: Record<string, unknown>; heapMb: number | null };
