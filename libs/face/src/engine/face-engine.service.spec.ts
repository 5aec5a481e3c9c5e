import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FaceEngine } from './face-engine.service.js';
import { FaceError, FaceErrorCode } from '../common/face-error.js';
import type { DetectedFace } from './face.types.js';
import { DEFAULT_MATCHER_SETTINGS, FRAME_MATCHER_SETTINGS, FaceMatcher } from '../gallery/face-matcher.js';
import { FRAME_PIPELINE } from './face-pipeline.js';
import { selectEnrollmentFace, selectSubjectFace } from './face-quality.gate.js';
import { hugePng, noFaceImage, onePixelPng, photo } from '../common/face-test.fixtures.js';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FaceError);
    return (err as FaceError).code;
  }
  return 'resolved';
}

// Real models on real photos; built worker under dist/ (build first). One small pool for the whole file.
describe('FaceEngine (real models)', () => {
  let engine: FaceEngine;
  const matcher = new FaceMatcher(DEFAULT_MATCHER_SETTINGS);

  beforeAll(async () => {
    engine = await FaceEngine.create({ workers: 1, maxQueue: 2 });
  }, 120_000);

  afterAll(async () => {
    await engine?.close();
  });

  async function enrol(person: string, file: string): Promise<void> {
    const face = selectEnrollmentFace(await engine.detectAndDescribe(await photo(file)));
    matcher.add(person, face.descriptor);
  }

  async function identify(file: string): Promise<string | null> {
    return matcher.identify(selectSubjectFace(await engine.detectAndDescribe(await photo(file))).descriptor).personId;
  }

  it('runs on a real backend, never the pure-JS one', () => {
    expect(['wasm', 'tensorflow']).toContain(engine.backend());
  });

  it('enrols from some photos and recognises others, including tight crops', async () => {
    await enrol('df01', 'deepface/img1.jpg');
    await enrol('df01', 'deepface/img2.jpg');
    await enrol('df08', 'deepface/img8.jpg');
    await enrol('df08', 'deepface/img9.jpg');
    await enrol('amy', 'bbt/amy/amy1.png');
    await enrol('amy', 'bbt/amy/amy2.png');
    await enrol('raj', 'bbt/raj/raj1.png');
    await enrol('raj', 'bbt/raj/raj2.png');
    expect(await identify('deepface/img4.jpg')).toBe('df01');
    expect(await identify('deepface/img47.jpg')).toBe('df08');
    expect(await identify('bbt/amy/amy4.png')).toBe('amy');
    expect(await identify('bbt/raj/raj4.png')).toBe('raj');
  });

  it('recognises with the kiosk frame pipeline (no mirror pass, frame operating point), tight crops included', async () => {
    const frame = async (file: string): Promise<string | null> =>
      matcher.identify(selectSubjectFace(await engine.detectAndDescribe(await photo(file), { ...FRAME_PIPELINE, maxSide: 640 })).descriptor, FRAME_MATCHER_SETTINGS).personId;
    expect(await frame('deepface/img5.jpg')).toBe('df01');
    expect(await frame('bbt/amy/amy5.png')).toBe('amy');
    expect(await frame('bbt/stuart/stuart1.png')).toBeNull();
  });

  it('finds a kiosk-sized face at input 224, and sends a frame of smaller faces on to 416 without losing any', async () => {
    const frame = async (file: string): Promise<DetectedFace[]> => engine.detectAndDescribe(await photo(file), { ...FRAME_PIPELINE, maxSide: 640 });
    expect((await frame('deepface/img5.jpg')).map((f) => f.detector)).toEqual(['tiny@224']);
    // Six faces of ~130-160 px: at 224 only four are found, so the frame falls through to 416.
    const group = await frame('group/bbt4.jpg');
    const at416 = await engine.detectAndDescribe(await photo('group/bbt4.jpg'), { attempts: [{ detector: 'tiny' }], flipAverage: false, maxSide: 640 });
    expect(group.map((f) => f.detector)).toEqual(at416.map(() => 'tiny@416'));
    expect(group.length).toBe(at416.length);
    expect(await frame('bbt/amy/amy5.png')).toHaveLength(1);
  });

  it('loads SSD on first use only (the frame path never needs it)', async () => {
    const faces = await engine.detectAndDescribe(await photo('deepface/img1.jpg'), { attempts: [{ detector: 'ssd' }] });
    expect(faces).toHaveLength(1);
    expect(faces[0].detector).toBe('ssd');
  });

  it('rejects strangers', async () => {
    expect(await identify('deepface/img24.jpg')).toBeNull();
    expect(await identify('bbt/stuart/stuart1.png')).toBeNull();
  });

  it('returns every face of a group photo, largest first, boxes inside the original image', async () => {
    const faces = await engine.detectAndDescribe(await photo('group/bbt1.jpg'));
    expect(faces.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < faces.length; i++) {
      expect(faces[i - 1].box.width * faces[i - 1].box.height).toBeGreaterThanOrEqual(faces[i].box.width * faces[i].box.height);
    }
    for (const f of faces) {
      expect(Object.prototype.toString.call(f.descriptor)).toBe('[object Float32Array]');
      expect(f.descriptor.length).toBe(128);
      expect(f.box.x + f.box.width).toBeLessThanOrEqual(1366);
      expect(f.box.y + f.box.height).toBeLessThanOrEqual(768);
    }
    expect(() => selectEnrollmentFace(faces)).toThrow(FaceError);
  });

  it('answers bad images with the right codes and keeps serving', async () => {
    const jpeg = await photo('deepface/img1.jpg');
    expect(await codeOf(engine.detectAndDescribe(Buffer.from('not an image at all')))).toBe(FaceErrorCode.IMAGE_UNSUPPORTED_TYPE);
    expect(await codeOf(engine.detectAndDescribe(jpeg.subarray(0, Math.floor(jpeg.length / 3))))).toBe(FaceErrorCode.IMAGE_INVALID);
    expect(await codeOf(engine.detectAndDescribe(await hugePng()))).toBe(FaceErrorCode.IMAGE_TOO_LARGE);
    expect(await engine.detectAndDescribe(await onePixelPng())).toEqual([]);
    const none = await engine.detectAndDescribe(await noFaceImage());
    expect(none).toEqual([]);
    try {
      selectEnrollmentFace(none);
      throw new Error('expected NO_FACE');
    } catch (err) {
      expect((err as FaceError).code).toBe(FaceErrorCode.NO_FACE);
      expect((err as FaceError).status).toBe(422);
    }
    expect((await engine.detectAndDescribe(jpeg)).length).toBe(1);
  });

  it('refuses work at once with ENGINE_BUSY when the queue is full', async () => {
    const jpeg = await photo('deepface/img1.jpg');
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => engine.detectAndDescribe(jpeg)));
    const busy = results.filter((r) => r.status === 'rejected' && (r.reason as FaceError).code === FaceErrorCode.ENGINE_BUSY);
    const done = results.filter((r) => r.status === 'fulfilled');
    // One running + two queued; the rest are refused immediately.
    expect(done.length).toBe(3);
    expect(busy.length).toBe(3);
  });

  it('replaces a crashed worker and fails only the job it was running', async () => {
    const jpeg = await photo('deepface/img1.jpg');
    const running = engine.detectAndDescribe(jpeg);
    const queued = engine.detectAndDescribe(jpeg);
    await engine.crashWorkerForTest(0);
    expect(await codeOf(running)).toBe(FaceErrorCode.ENGINE_FAILURE);
    expect((await queued).length).toBe(1);
    expect((await engine.detectAndDescribe(await photo('deepface/img4.jpg'))).length).toBe(1);
  }, 60_000);
});

describe('FaceEngine heap ceiling', () => {
  it('replaces a worker whose WebAssembly heap passed the ceiling; queued work is served by the replacement', async () => {
    const engine = await FaceEngine.create({ workers: 1, maxQueue: 2, maxHeapMb: 64 });
    try {
      const jpeg = await photo('deepface/img1.jpg');
      const [a, b] = await Promise.all([engine.detectAndDescribe(jpeg), engine.detectAndDescribe(jpeg)]);
      expect(a).toHaveLength(1);
      expect(b).toHaveLength(1);
      expect(engine.recycledWorkers).toBeGreaterThanOrEqual(1);
      expect(engine.workers).toBe(1);
    } finally {
      await engine.close();
    }
  }, 120_000);
});
