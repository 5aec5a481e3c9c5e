import { beforeAll, describe, expect, it } from '@jest/globals';
import type * as TfCore from '@tensorflow/tfjs-core';
import { loadFaceApi } from './face-api.loader.js';

type Tf = typeof TfCore;

/** Values 0..n-1 shaped [h, w, c]; element (y, x, k) is (y * w + x) * c + k. */
function ramp(tf: Tf, shape: [number, number, number], dtype: 'int32' | 'float32'): TfCore.Tensor3D {
  return tf.tensor3d(Array.from({ length: shape[0] * shape[1] * shape[2] }, (_, i) => (dtype === 'float32' ? i + 0.5 : i)), shape, dtype);
}

// The replaced kernels run inside the real wasm backend; results are checked against values computed here.
describe('wasm copy kernels', () => {
  let tf: Tf;

  beforeAll(async () => {
    tf = (await loadFaceApi('wasm')).tf;
    expect(tf.getBackend()).toBe('wasm');
  }, 60_000);

  it('interleaves single-channel planes into channels, as face-api normalisation does', () => {
    const [h, w] = [5, 7];
    const planes = [10, 20, 30].map((v, c) => tf.add(tf.fill([1, h, w, 1], v, 'float32'), tf.mul(tf.reshape(tf.range(0, h * w), [1, h, w, 1]), c + 1)));
    const out = tf.concat(planes, 3);
    expect(out.shape).toEqual([1, h, w, 3]);
    const values = out.dataSync();
    for (let p = 0; p < h * w; p++) for (let c = 0; c < 3; c++) expect(values[p * 3 + c]).toBe([10, 20, 30][c] + p * (c + 1));
    tf.dispose([...planes, out]);
  });

  it('concatenates int32 tensors of unequal short runs and long runs along any axis', () => {
    const a = ramp(tf, [4, 3, 2], 'int32');
    const b = tf.add<TfCore.Tensor3D>(ramp(tf, [4, 3, 5], 'int32'), 1000);
    const short = tf.concat<TfCore.Tensor3D>([a, b], 2).arraySync();
    const av = a.arraySync();
    const bv = b.arraySync();
    for (let y = 0; y < 4; y++) for (let x = 0; x < 3; x++) expect(short[y][x]).toEqual([...av[y][x], ...bv[y][x]]);
    // Long runs (rows of 40 x 3 values) take the original kernel.
    const c = ramp(tf, [6, 40, 3], 'int32');
    const d = tf.add<TfCore.Tensor3D>(ramp(tf, [2, 40, 3], 'int32'), 5000);
    expect(tf.concat<TfCore.Tensor3D>([c, d], 0).arraySync()).toEqual([...c.arraySync(), ...d.arraySync()]);
    tf.dispose([a, b, c, d]);
  });

  it('crops an image tensor row by row, and leaves channel slices to the original kernel', () => {
    const img = ramp(tf, [9, 11, 3], 'int32');
    const all = img.arraySync();
    const crop = tf.slice(img, [2, 3, 0], [4, 5, 3]).arraySync();
    expect(crop).toEqual(all.slice(2, 6).map((row) => row.slice(3, 8)));
    const green = tf.slice(img, [1, 1, 1], [3, 2, 1]).arraySync();
    expect(green).toEqual(all.slice(1, 4).map((row) => row.slice(1, 3).map((px) => [px[1]])));
    const rows = tf.slice(img, [4, 0, 0], [2, 11, 3]).arraySync();
    expect(rows).toEqual(all.slice(4, 6));
    img.dispose();
  });
});
