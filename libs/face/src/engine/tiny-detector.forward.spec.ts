import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Tensor3D } from '@tensorflow/tfjs-core';
import { loadFaceApi, type LoadedFaceApi } from './face-api.loader.js';
import { photo } from '../common/face-test.fixtures.js';
import { DEFAULT_IMAGE_LIMITS, decodeImage } from './image-decoder.js';
import { ensureModels } from './model-store.js';
import { defaultModelsDir } from '../common/repo-paths.js';
import { installTinyMobilenet } from './tiny-detector.forward.js';

interface Found {
  boxes: number[][];
  scores: number[];
  peakBytes: number;
  tensorsLeft: number;
}

// Real tiny-detector weights in this process (no worker): compare face-api's own forward pass with ours.
describe('tiny detector forward pass (real model)', () => {
  let api: LoadedFaceApi;

  beforeAll(async () => {
    const dir = defaultModelsDir();
    await ensureModels(dir);
    api = await loadFaceApi('wasm');
    await api.faceapi.nets.tinyFaceDetector.loadFromDisk(dir);
  }, 120_000);

  async function detect(file: string, inputSize: number, faceApisOwn: boolean): Promise<Found> {
    const { tf, faceapi } = api;
    const net = faceapi.nets.tinyFaceDetector;
    // The loader installed ours on the instance; without it the prototype's (face-api's) method answers.
    if (faceApisOwn) Reflect.deleteProperty(net, 'runMobilenet');
    // Kiosk frames are decoded at 640 px (FACE_FRAME_MAX_SIDE).
    const image = await decodeImage(await photo(file), { ...DEFAULT_IMAGE_LIMITS, maxSide: 640 });
    const input = tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
    try {
      const before = tf.memory().numTensors;
      let found: Awaited<ReturnType<typeof net.locateFaces>> = [];
      const info = await tf.profile(async () => {
        const options = new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: 0.3 });
        found = await net.locateFaces(input as unknown as Parameters<typeof net.locateFaces>[0], options);
      });
      return {
        boxes: found.map((d) => [d.box.x, d.box.y, d.box.width, d.box.height]),
        scores: found.map((d) => d.score),
        peakBytes: info.peakBytes,
        tensorsLeft: tf.memory().numTensors - before,
      };
    } finally {
      (input as Tensor3D).dispose();
      installTinyMobilenet(faceapi, tf);
    }
  }

  it.each([
    ['group/selfie-many-people.jpg', 416],
    ['group/bbt1.jpg', 416],
    ['deepface/img4.jpg', 224],
  ])('finds the same faces as face-api in %s at input %d, with less tensor memory and nothing left behind', async (file, size) => {
    const theirs = await detect(file, size, true);
    const ours = await detect(file, size, false);
    expect(theirs.boxes.length).toBeGreaterThan(0);
    expect(ours.boxes.length).toBe(theirs.boxes.length);
    ours.boxes.forEach((box, i) => box.forEach((v, j) => expect(Math.abs(v - theirs.boxes[i][j])).toBeLessThan(0.01)));
    ours.scores.forEach((s, i) => expect(Math.abs(s - theirs.scores[i])).toBeLessThan(1e-4));
    expect(ours.tensorsLeft).toBe(0);
    // At 224 face-api's own resize of the frame (unchanged) is the larger part of the peak.
    expect(ours.peakBytes).toBeLessThan(theirs.peakBytes * (size === 416 ? 0.5 : 0.9));
  });
});
