import { parentPort, workerData } from 'node:worker_threads';
import { loadFaceApi, type LoadedFaceApi } from './face-api.loader.js';
import { FaceError, FaceErrorCode } from './face-error.js';
import type { FaceWorkerData, FromWorker, ToWorker } from './face-worker.protocol.js';
import { decodeImage } from './image-decoder.js';
import { verifyModels } from './model-store.js';
import { runFacePipeline } from './face-pipeline.js';

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
  await nets.ssdMobilenetv1.loadFromDisk(data.modelsDir);
  await nets.faceLandmark68Net.loadFromDisk(data.modelsDir);
  await nets.faceRecognitionNet.loadFromDisk(data.modelsDir);
  // Warm-up compiles kernels so the first real request is not the slow one.
  const blank = { data: new Uint8Array(64 * 64 * 3), width: 64, height: 64, originalWidth: 64, originalHeight: 64, scale: 1 };
  await runFacePipeline(api, blank, { attempts: [{ detector: 'tiny', inputSize: 128 }, { detector: 'ssd' }] });
  return api;
}

async function handle(api: LoadedFaceApi, job: ToWorker): Promise<void> {
  const started = performance.now();
  try {
    const limits = { ...data.limits, ...(job.opts.maxSide ? { maxSide: job.opts.maxSide } : {}) };
    const image = await decodeImage(job.image, limits);
    const faces = await runFacePipeline(api, image, job.opts);
    send({ type: 'result', id: job.id, faces, ms: performance.now() - started });
  } catch (err) {
    // A bad input is answered with an error; the worker itself keeps serving.
    if (err instanceof FaceError) {
      send({ type: 'error', id: job.id, code: err.code, message: err.message, details: err.details });
    } else {
      const message = err instanceof Error ? err.message : String(err);
      send({ type: 'error', id: job.id, code: FaceErrorCode.EngineFailure, message });
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
