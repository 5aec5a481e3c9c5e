import { parentPort, workerData } from 'node:worker_threads';
import { loadFaceApi, type LoadedFaceApi } from './face-api.loader.js';
import { FaceError, FaceErrorCode } from '../common/face-error.js';
import type { FaceWorkerData, FromWorker, ToWorker } from './face-worker.protocol.js';
import { decodeImage } from './image-decoder.js';
import { verifyModels } from './model-store.js';
import { DEFAULT_ATTEMPTS, FRAME_PIPELINE, runFacePipeline } from './face-pipeline.js';
import type { DetectionAttempt } from './face.types.js';

const port = parentPort;
if (!port) throw new Error('face.worker must run in a worker thread');
const data = workerData as FaceWorkerData;

function send(msg: FromWorker): void {
  port!.postMessage(msg);
}

async function init(): Promise<LoadedFaceApi> {
  await verifyModels(data.modelsDir);
  const api = await loadFaceApi(data.backend);
  const { nets } = api.faceapi;
  await nets.tinyFaceDetector.loadFromDisk(data.modelsDir);
  await nets.faceLandmark68Net.loadFromDisk(data.modelsDir);
  await nets.faceRecognitionNet.loadFromDisk(data.modelsDir);
  // Warm-up compiles the kiosk frame path's kernels so the first frame is not the slow one; SSD loads on first use.
  const blank = { data: new Uint8Array(64 * 64 * 3), width: 64, height: 64, originalWidth: 64, originalHeight: 64, scale: 1 };
  await runFacePipeline(api, blank, FRAME_PIPELINE);
  return api;
}

async function loadNetsFor(api: LoadedFaceApi, attempts: readonly DetectionAttempt[] | undefined): Promise<void> {
  const ssd = api.faceapi.nets.ssdMobilenetv1;
  if (!ssd.isLoaded && (attempts ?? DEFAULT_ATTEMPTS).some((a) => a.detector === 'ssd')) await ssd.loadFromDisk(data.modelsDir);
}

/** WebAssembly memory only grows: the pool replaces a worker whose heap passed its ceiling (null: not wasm). */
function heapMb(api: LoadedFaceApi): number | null {
  const backend: unknown = api.tf.backend();
  const wasm = typeof backend === 'object' && backend !== null && 'wasm' in backend ? (backend as { wasm: { HEAPU8?: Uint8Array } }).wasm : undefined;
  return wasm?.HEAPU8 ? Math.round(wasm.HEAPU8.buffer.byteLength / 1048576) : null;
}

async function handle(api: LoadedFaceApi, job: ToWorker): Promise<void> {
  const started = performance.now();
  try {
    const limits = { ...data.limits, ...(job.opts.maxSide ? { maxSide: job.opts.maxSide } : {}) };
    const image = await decodeImage(job.image, limits);
    await loadNetsFor(api, job.opts.attempts);
    const faces = await runFacePipeline(api, image, job.opts);
    send({ type: 'result', id: job.id, faces, ms: performance.now() - started, heapMb: heapMb(api) });
  } catch (err) {
    // A bad input is answered with an error; the worker itself keeps serving.
    if (err instanceof FaceError) {
      send({ type: 'error', id: job.id, code: err.code, message: err.message, details: err.details, heapMb: heapMb(api) });
    } else {
      const message = err instanceof Error ? err.message : String(err);
      send({ type: 'error', id: job.id, code: FaceErrorCode.ENGINE_FAILURE, message, heapMb: heapMb(api) });
    }
  }
}

init().then(
  (api) => {
    // Jobs arrive one at a time (the pool never sends a second before the first is answered).
    port.on('message', (job: ToWorker) => void handle(api, job));
    send({ type: 'ready', backend: api.backend });
  },
  (err: unknown) => {
    send({ type: 'init-error', message: err instanceof Error ? err.message : String(err) });
  },
);
