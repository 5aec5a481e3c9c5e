import type * as TfCore from '@tensorflow/tfjs-core';

type Tf = typeof TfCore;
type TensorInfo = TfCore.TensorInfo;
type Values = Float32Array | Int32Array | Uint8Array;

/** The part of tfjs-backend-wasm's backend these kernels use. */
interface WasmBackend {
  makeOutput(shape: number[], dtype: TfCore.DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Values;
}

/** Below this many elements per copied run a plain loop beats one subarray() + set() per run. */
const SHORT_RUN = 64;

const installed = new WeakSet<Tf>();

/**
 * tfjs-backend-wasm runs Concat and Slice in JavaScript with one subarray() + set() per innermost run. face-api's
 * normalisation concatenates three [1,h,w,1] planes (a run of 1 element: 50 ms at input 416) and its face crop
 * slices [h,w,3] pixel by pixel (~15 ms per crop of a 640 px frame); that was ~40 % of a kiosk frame's CPU. Same
 * copies, done as plain loops or whole rows; other shapes go to the original kernels (libs/face/README.md).
 */
export function installWasmCopyKernels(tf: Tf): void {
  if (installed.has(tf) || !tf.getKernel('Concat', 'wasm') || !tf.getKernel('Slice', 'wasm')) return;
  installed.add(tf);
  replace(tf, 'Concat', (args, original) => concatShortRuns(tf, args) ?? original(args));
  replace(tf, 'Slice', (args, original) => sliceWholeRows(tf, args) ?? original(args));
}

type KernelArgs = Parameters<TfCore.KernelFunc>[0];
type Kernel = (args: KernelArgs) => TensorInfo | TensorInfo[];

function replace(tf: Tf, name: string, kernelFunc: (args: KernelArgs, original: Kernel) => TensorInfo | TensorInfo[]): void {
  const config = tf.getKernel(name, 'wasm')!;
  const original = config.kernelFunc as Kernel;
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...config, kernelFunc: (args) => kernelFunc(args, original) });
}

/** Concat whose inputs all have short inner runs (a channel concat of planes); null: not such a concat. */
export function concatShortRuns(tf: Tf, args: KernelArgs): TensorInfo | null {
  const inputs = Object.values(args.inputs) as TensorInfo[];
  if (inputs.length < 2 || inputs.some((t) => t.dtype === 'string' || tf.util.sizeFromShape(t.shape) === 0)) return null;
  const axis = tf.util.parseAxisParam(args.attrs!['axis'] as number, inputs[0].shape)[0];
  const inner = inputs.map((t) => tf.util.sizeFromShape(t.shape.slice(axis)));
  if (Math.max(...inner) >= SHORT_RUN) return null;
  const backend = args.backend as unknown as WasmBackend;
  const outShape = [...inputs[0].shape];
  outShape[axis] = inputs.reduce((n, t) => n + t.shape[axis], 0);
  const out = backend.makeOutput(outShape, inputs[0].dtype);
  const outVals = backend.typedArrayFromHeap(out);
  const inVals = inputs.map((t) => backend.typedArrayFromHeap(t));
  const outer = tf.util.sizeFromShape(inputs[0].shape.slice(0, axis));
  if (inner.every((n) => n === 1)) {
    // Planes into channels (face-api's normalisation): one strided write per input.
    const k = inVals.length;
    inVals.forEach((src, i) => {
      for (let b = 0, w = i; b < outer; b++, w += k) outVals[w] = src[b];
    });
    return out;
  }
  let o = 0;
  for (let b = 0; b < outer; b++) {
    for (let i = 0; i < inVals.length; i++) {
      const src = inVals[i];
      const n = inner[i];
      for (let k = b * n, end = k + n; k < end; k++) outVals[o++] = src[k];
    }
  }
  return out;
}

/** Slice of a rank-3 tensor that keeps its whole last axis (a crop of an image): one copy per row. */
export function sliceWholeRows(tf: Tf, args: KernelArgs): TensorInfo | null {
  const x = args.inputs['x'] as TensorInfo;
  if (x.shape.length !== 3 || x.dtype === 'string') return null;
  const [begin, size] = tf.slice_util.parseSliceParams(
    x as unknown as TfCore.Tensor,
    args.attrs!['begin'] as number[],
    args.attrs!['size'] as number[],
  );
  const [, width, channels] = x.shape;
  if (begin[2] !== 0 || size[2] !== channels || tf.slice_util.isSliceContinous(x.shape, begin, size)) return null;
  const backend = args.backend as unknown as WasmBackend;
  const out = backend.makeOutput(size, x.dtype);
  const outVals = backend.typedArrayFromHeap(out);
  const xVals = backend.typedArrayFromHeap(x);
  const row = size[1] * channels;
  for (let i = 0; i < size[0]; i++) {
    const from = ((begin[0] + i) * width + begin[1]) * channels;
    outVals.set(xVals.subarray(from, from + row), i * row);
  }
  return out;
}
