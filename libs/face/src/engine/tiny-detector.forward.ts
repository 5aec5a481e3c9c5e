import type * as TfCore from '@tensorflow/tfjs-core';
import type * as FaceApi from '@vladmandic/face-api';

type Tensor4D = TfCore.Tensor4D;
type Tensor1D = TfCore.Tensor1D;
interface ConvParams {
  filters: Tensor4D;
  bias: Tensor1D;
}
interface SeparableConvParams {
  depthwise_filter: Tensor4D;
  pointwise_filter: Tensor4D;
  bias: Tensor1D;
}
/**
 * face-api's MobilenetParams as the tiny face detector loads them (its first layer is a plain convolution), typed
 * against tfjs-core (face-api bundles its own tf typings).
 */
export interface TinyMobilenetParams {
  conv0: ConvParams;
  conv1: SeparableConvParams;
  conv2: SeparableConvParams;
  conv3: SeparableConvParams;
  conv4: SeparableConvParams;
  conv5: SeparableConvParams;
  conv6?: SeparableConvParams;
  conv7?: SeparableConvParams;
  conv8: ConvParams;
}

/** face-api's leaky ReLU slope for the tiny detectors. */
const LEAKY_ALPHA = 0.1;

/**
 * The tiny face detector's layers, run as fused kernels (conv + bias + leaky ReLU in one op) with each layer's input
 * freed as soon as its output exists. face-api keeps every intermediate of the network until the end of one tidy and
 * computes leaky ReLU in four elementwise passes: at input 416 that held ~70 MB in the WebAssembly heap (which never
 * shrinks) and cost ~45 % of the detector's time. Same weights, same boxes and scores (libs/face/README.md).
 */
export function runTinyMobilenet(tf: typeof TfCore, x: Tensor4D, params: TinyMobilenetParams): Tensor4D {
  const sep = (t: Tensor4D, p: SeparableConvParams): Tensor4D =>
    tf.fused.conv2d({
      x: tf.depthwiseConv2d(t, p.depthwise_filter, 1, 'same'),
      filter: p.pointwise_filter,
      strides: 1,
      pad: 'valid',
      bias: p.bias,
      activation: 'leakyrelu',
      leakyreluAlpha: LEAKY_ALPHA,
    });
  const { conv0 } = params;
  // The caller owns x; every later layer input is ours to free.
  let out = tf.tidy(() =>
    tf.fused.conv2d({ x, filter: conv0.filters, strides: 1, pad: 'valid', bias: conv0.bias, activation: 'leakyrelu', leakyreluAlpha: LEAKY_ALPHA }),
  );
  const next = (f: (t: Tensor4D) => Tensor4D): void => {
    const prev = out;
    out = tf.tidy(() => f(prev));
    prev.dispose();
  };
  for (const layer of [params.conv1, params.conv2, params.conv3, params.conv4, params.conv5]) {
    next((t) => tf.maxPool(t, [2, 2], [2, 2], 'same'));
    next((t) => sep(t, layer));
  }
  next((t) => tf.maxPool(t, [2, 2], [1, 1], 'same'));
  for (const layer of [params.conv6, params.conv7]) if (layer) next((t) => sep(t, layer));
  next((t) => tf.add(tf.conv2d(t, params.conv8.filters, 1, 'valid'), params.conv8.bias));
  return out;
}

/** Routes face-api's tiny face detector through runTinyMobilenet; its pre- and post-processing stay face-api's. */
export function installTinyMobilenet(faceapi: typeof FaceApi, tf: typeof TfCore): void {
  const net = faceapi.nets.tinyFaceDetector as unknown as {
    runMobilenet(x: Tensor4D, params: TinyMobilenetParams): Tensor4D;
  };
  net.runMobilenet = (x, params) => runTinyMobilenet(tf, x, params);
}
