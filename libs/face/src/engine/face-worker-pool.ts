import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BackendPreference } from './face-api.loader.js';
import { FaceError, FaceErrorCode, isFaceErrorCode } from '../common/face-error.js';
import type { FaceWorkerData, FromWorker, ToWorker } from './face-worker.protocol.js';
import type { DetectedFace, DetectOptions } from './face.types.js';
import type { ImageLimits } from './image-decoder.js';
import { findRepoRoot } from '../common/repo-paths.js';

export interface FaceWorkerPoolOptions {
  workers: number;
  /** Jobs waiting for a free worker; one more is refused at once with ENGINE_BUSY. */
  maxQueue: number;
  modelsDir: string;
  backend: BackendPreference;
  limits: ImageLimits;
  /** A worker whose WebAssembly heap grew past this is replaced after its job (wasm memory never shrinks). */
  maxHeapMb?: number;
  /** Compiled worker script; defaults to face.worker.js beside this file (or under dist/ when run from sources). */
  workerFile?: string;
}

export interface PoolResult {
  faces: DetectedFace[];
  /** Time spent inside the worker (decode + inference). */
  ms: number;
}

interface Job {
  id: number;
  image: Uint8Array;
  opts: DetectOptions;
  resolve: (r: PoolResult) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  ready: boolean;
  /** Being replaced (heap ceiling): takes no more jobs, and its exit starts a new worker. */
  retiring: boolean;
}

/** Worker threads need JavaScript: from sources (jest) use the build under dist/. */
export function resolveWorkerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const file = here.endsWith('.js')
    ? join(dirname(here), 'face.worker.js')
    : join(findRepoRoot(dirname(here)), 'dist', 'libs', 'face', 'src', 'engine', 'face.worker.js');
  if (!existsSync(file)) throw new Error(`${file} not found: build first (npx tsc -p tsconfig.build.json)`);
  return file;
}

export class FaceWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private backendName = 'unknown';
  private recycledCount = 0;
  private readonly workerFile: string;

  private constructor(private readonly opts: FaceWorkerPoolOptions) {
    this.workerFile = opts.workerFile ?? resolveWorkerFile();
  }

  /** Starts every worker and waits until all have loaded the models. */
  static async start(opts: FaceWorkerPoolOptions): Promise<FaceWorkerPool> {
    const pool = new FaceWorkerPool(opts);
    try {
      await Promise.all(Array.from({ length: Math.max(1, opts.workers) }, () => pool.spawn()));
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  get backend(): string {
    return this.backendName;
  }

  get size(): number {
    return this.slots.length;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Workers replaced so far because their heap passed `maxHeapMb`. */
  get recycled(): number {
    return this.recycledCount;
  }

  run(image: Uint8Array, opts: DetectOptions): Promise<PoolResult> {
    if (this.closed) return Promise.reject(new FaceError(FaceErrorCode.ENGINE_CLOSED, 'Face engine is closed'));
    return new Promise<PoolResult>((resolve, reject) => {
      const job: Job = { id: this.nextId++, image, opts, resolve, reject };
      const idle = this.slots.find((s) => s.ready && !s.retiring && !s.job);
      if (idle) return this.dispatch(idle, job);
      if (this.queue.length >= this.opts.maxQueue) {
        return reject(new FaceError(FaceErrorCode.ENGINE_BUSY, 'Face engine is busy, try again shortly', {
          queued: this.queue.length,
        }));
      }
      this.queue.push(job);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new FaceError(FaceErrorCode.ENGINE_CLOSED, 'Face engine closed'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  /** For tests: kill a worker as if it had crashed. */
  async crashWorkerForTest(index = 0): Promise<void> {
    await this.slots[index]?.worker.terminate();
  }

  private spawn(): Promise<void> {
    const workerData: FaceWorkerData = {
      modelsDir: this.opts.modelsDir,
      backend: this.opts.backend,
      limits: this.opts.limits,
    };
    const worker = new Worker(this.workerFile, { workerData });
    const slot: Slot = { worker, job: null, ready: false, retiring: false };
    this.slots.push(slot);
    return new Promise<void>((resolveReady, rejectReady) => {
      worker.on('message', (msg: FromWorker) => {
        switch (msg.type) {
          case 'ready':
            slot.ready = true;
            this.backendName = msg.backend;
            resolveReady();
            this.pump(slot);
            break;
          case 'init-error':
            rejectReady(new FaceError(FaceErrorCode.ENGINE_FAILURE, `Face worker failed to start: ${msg.message}`));
            void worker.terminate();
            break;
          case 'result':
          case 'error':
            this.finish(slot, msg);
            break;
        }
      });
      worker.on('error', (err) => rejectReady(err));
      worker.on('exit', () => this.onExit(slot, rejectReady));
    });
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    // Copy into a fresh buffer we can transfer: the caller's Buffer may live in Node's shared slab.
    const image = new Uint8Array(job.image);
    const msg: ToWorker = { type: 'job', id: job.id, image, opts: job.opts };
    slot.worker.postMessage(msg, [image.buffer]);
  }

  private finish(slot: Slot, msg: Extract<FromWorker, { type: 'result' | 'error' }>): void {
    const job = slot.job;
    slot.job = null;
    if (job && job.id === msg.id) {
      if (msg.type === 'result') job.resolve({ faces: msg.faces, ms: msg.ms });
      else {
        const code = isFaceErrorCode(msg.code) ? msg.code : FaceErrorCode.ENGINE_FAILURE;
        job.reject(new FaceError(code, msg.message, msg.details));
      }
    }
    if (this.opts.maxHeapMb !== undefined && msg.heapMb !== null && msg.heapMb > this.opts.maxHeapMb) return this.retire(slot);
    this.pump(slot);
  }

  private retire(slot: Slot): void {
    slot.retiring = true;
    this.recycledCount++;
    void slot.worker.terminate();
  }

  private pump(slot: Slot): void {
    if (!slot.ready || slot.retiring || slot.job) return;
    const next = this.queue.shift();
    if (next) this.dispatch(slot, next);
  }

  private onExit(slot: Slot, rejectReady: (e: Error) => void): void {
    rejectReady(new FaceError(FaceErrorCode.ENGINE_FAILURE, 'Face worker exited during start-up'));
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    // Only the job that was running on the dead worker fails; queued jobs wait for the replacement.
    slot.job?.reject(new FaceError(FaceErrorCode.ENGINE_FAILURE, 'Face worker stopped while processing the image'));
    slot.job = null;
    if (this.closed || !slot.ready) return;
    this.spawn().catch(() => {
      if (this.slots.length === 0) {
        for (const job of this.queue.splice(0)) {
          job.reject(new FaceError(FaceErrorCode.ENGINE_FAILURE, 'No face worker is available'));
        }
      }
    });
  }
}
