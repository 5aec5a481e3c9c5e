import { availableParallelism } from 'node:os';
import type { BackendPreference } from './face-api.loader.js';
import { FaceWorkerPool, type PoolResult } from './face-worker-pool.js';
import type { DetectedFace, DetectOptions } from './face.types.js';
import { DEFAULT_IMAGE_LIMITS, precheckImage, type ImageLimits } from './image-decoder.js';
import { ensureModels } from './model-store.js';
import { defaultModelsDir } from '../common/repo-paths.js';

export interface FaceEngineOptions {
  /** Worker threads (default: one per core). */
  workers?: number;
  /** Waiting jobs before ENGINE_BUSY (default: 4 per worker). */
  maxQueue?: number;
  /** Replace a worker whose WebAssembly heap passed this (default 256 MB: kiosk frames stay near 220 MB). */
  maxHeapMb?: number;
  modelsDir?: string;
  backend?: BackendPreference;
  limits?: Partial<ImageLimits>;
  /** Defaults for every call (pipeline attempts, min score). */
  detect?: DetectOptions;
  workerFile?: string;
}

export const DEFAULT_MAX_HEAP_MB = 256;

/** Face detection + 128-d descriptors, always off the main event loop. */
export class FaceEngine {
  private constructor(
    private readonly pool: FaceWorkerPool,
    private readonly limits: ImageLimits,
    private readonly defaults: DetectOptions,
  ) {}

  static async create(options: FaceEngineOptions = {}): Promise<FaceEngine> {
    const modelsDir = options.modelsDir ?? defaultModelsDir();
    const workers = options.workers ?? availableParallelism();
    const limits: ImageLimits = { ...DEFAULT_IMAGE_LIMITS, ...options.limits };
    // Sync once here so workers only verify and never race on copying files.
    await ensureModels(modelsDir);
    const pool = await FaceWorkerPool.start({
      workers,
      maxQueue: options.maxQueue ?? workers * 4,
      maxHeapMb: options.maxHeapMb ?? DEFAULT_MAX_HEAP_MB,
      modelsDir,
      backend: options.backend ?? 'auto',
      limits,
      workerFile: options.workerFile,
    });
    return new FaceEngine(pool, limits, options.detect ?? {});
  }

  backend(): string {
    return this.pool.backend;
  }

  get workers(): number {
    return this.pool.size;
  }

  /** Workers replaced because their heap passed the ceiling (enrolment photos needing the 608 or SSD attempts). */
  get recycledWorkers(): number {
    return this.pool.recycled;
  }

  /** All faces found, largest first. Throws FaceError for bad images or ENGINE_BUSY when the queue is full. */
  async detectAndDescribe(image: Uint8Array, opts: DetectOptions = {}): Promise<DetectedFace[]> {
    return (await this.detectAndDescribeTimed(image, opts)).faces;
  }

  /** Same, plus the time spent in the worker. */
  detectAndDescribeTimed(image: Uint8Array, opts: DetectOptions = {}): Promise<PoolResult> {
    try {
      precheckImage(image, this.limits);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    return this.pool.run(image, { ...this.defaults, ...opts });
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /** For tests only. */
  crashWorkerForTest(index = 0): Promise<void> {
    return this.pool.crashWorkerForTest(index);
  }
}
