import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as FaceApi from '@vladmandic/face-api';
import type * as TfCore from '@tensorflow/tfjs-core';
import type * as TfWasm from '@tensorflow/tfjs-backend-wasm';
import { installTinyMobilenet } from './tiny-detector.forward.js';
import { installWasmCopyKernels } from './wasm-copy.kernels.js';

export type FaceApiModule = typeof FaceApi;
export type TfCoreModule = typeof TfCore;

/** auto = tfjs-node when it loads, else WebAssembly; the pure-JS cpu backend only when asked for by name. */
export type BackendPreference = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

export interface LoadedFaceApi {
  faceapi: FaceApiModule;
  tf: TfCoreModule;
  backend: string;
}

const require = createRequire(import.meta.url);

type Dict = Record<string, unknown>;

/**
 * tf-core's CommonJS build ships without the chained tensor methods (t.as3D(), ...) that face-api calls;
 * evaluate tfjs-core's own chained-op sources against the CommonJS exports so both share one Tensor class.
 */
function registerChainedOps(tf: TfCoreModule): void {
  const proto = tf.Tensor.prototype as unknown as Dict;
  if (typeof proto['as3D'] === 'function') return;
  const dir = join(dirname(require.resolve('@tensorflow/tfjs-core/package.json')), 'dist/public/chained_ops');
  const lookup: Dict[] = [tf as unknown as Dict, tf.util as unknown as Dict, tf.image as unknown as Dict];
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.js') || file.startsWith('register_all') || file.endsWith('_test.js')) continue;
    const text = readFileSync(join(dir, file), 'utf8');
    const names = [...text.matchAll(/^import \{([^}]*)\}/gm)].flatMap((m) =>
      m[1].split(',').map((s) => s.trim()).filter(Boolean),
    );
    const values = names.map((n) =>
      n === 'getGlobalTensorClass' ? (): unknown => tf.Tensor : lookup.map((d) => d[n]).find((v) => v !== undefined),
    );
    const missing = names.filter((_, i) => values[i] === undefined);
    if (missing.length) throw new Error(`tfjs chained op ${file}: missing ${missing.join(', ')}`);
    const body = text.replace(/^import .*$/gm, '').replace(/^\/\/# sourceMappingURL.*$/gm, '');
    // Trusted code from the installed tfjs-core package, evaluated once per worker.
    new Function(...names, body)(...values);
  }
}

/** face-api's wasm bundle requires the `@tensorflow/tfjs` umbrella; hand it tfjs-core + the wasm backend instead. */
function loadFaceApiBundle(file: string, modules: Record<string, unknown>): FaceApiModule {
  const path = require.resolve(file);
  const source = readFileSync(path, 'utf8');
  const mod: { exports: unknown } = { exports: {} };
  const localRequire = (id: string): unknown => (id in modules ? modules[id] : require(id));
  new Function('require', 'module', 'exports', '__filename', '__dirname', source)(
    localRequire,
    mod,
    mod.exports,
    path,
    dirname(path),
  );
  return mod.exports as FaceApiModule;
}

async function loadTensorflowNode(): Promise<LoadedFaceApi> {
  // Optional native backend: present only where its prebuilt binary installs.
  require('@tensorflow/tfjs-node');
  const faceapi = require('@vladmandic/face-api/dist/face-api.node.js') as FaceApiModule;
  const tf = faceapi.tf as unknown as TfCoreModule;
  await tf.setBackend('tensorflow');
  await tf.ready();
  return { faceapi, tf, backend: tf.getBackend() };
}

async function loadCoreBackend(name: 'wasm' | 'cpu'): Promise<LoadedFaceApi> {
  const tf = require('@tensorflow/tfjs-core') as TfCoreModule;
  registerChainedOps(tf);
  const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof TfWasm;
  if (name === 'wasm') {
    const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
    wasm.setWasmPaths(wasmDir + '/');
    // One thread per worker: parallelism comes from the worker pool.
    wasm.setThreadsCount(1);
  } else {
    require('@tensorflow/tfjs-backend-cpu');
  }
  const faceapi = loadFaceApiBundle('@vladmandic/face-api/dist/face-api.node-wasm.js', {
    '@tensorflow/tfjs': tf,
    '@tensorflow/tfjs-backend-wasm': wasm,
  });
  const ok = await tf.setBackend(name);
  await tf.ready();
  if (!ok || tf.getBackend() !== name) throw new Error(`tfjs backend ${name} failed to initialise`);
  if (name === 'wasm') installWasmCopyKernels(tf);
  return { faceapi, tf, backend: name };
}

async function loadBackend(preference: BackendPreference): Promise<LoadedFaceApi> {
  if (preference === 'tensorflow') return loadTensorflowNode();
  if (preference === 'wasm' || preference === 'cpu') return loadCoreBackend(preference);
  try {
    return await loadTensorflowNode();
  } catch {
    return loadCoreBackend('wasm');
  }
}

export async function loadFaceApi(preference: BackendPreference): Promise<LoadedFaceApi> {
  const api = await loadBackend(preference);
  installTinyMobilenet(api.faceapi, api.tf);
  return api;
}
