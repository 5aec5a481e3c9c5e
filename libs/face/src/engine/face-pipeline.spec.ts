import { describe, expect, it } from '@jest/globals';
import { DEFAULT_ATTEMPTS, FRAME_PIPELINE, autoInputSize, planRun, smallestFaceInputPx } from './face-pipeline.js';

describe('face pipeline planning', () => {
  it('never upscales a small image past its own size and caps the automatic input size', () => {
    expect(autoInputSize(150, 150)).toBe(160);
    expect(autoInputSize(640, 480)).toBe(416);
    expect(autoInputSize(640, 480, 224)).toBe(224);
    expect(autoInputSize(100, 80, 224)).toBe(160);
  });

  it('tries a kiosk frame at input 224 first, then 416, then padded at 224', () => {
    const runs = FRAME_PIPELINE.attempts.map((a) => planRun(a, 640, 480));
    expect(runs).toEqual([
      { detector: 'tiny', inputSize: 224, padPx: 0 },
      { detector: 'tiny', inputSize: 416, padPx: 0 },
      { detector: 'tiny', inputSize: 224, padPx: 320 },
    ]);
    expect(FRAME_PIPELINE.flipAverage).toBe(false);
  });

  it('plans the same run twice for a 150 px crop, which the pipeline then runs once', () => {
    const [small, full] = FRAME_PIPELINE.attempts.map((a) => planRun(a, 150, 150));
    expect(small).toEqual({ detector: 'tiny', inputSize: 160, padPx: 0 });
    expect(full).toEqual(small);
  });

  it('keeps the photo pipeline unchanged', () => {
    expect(DEFAULT_ATTEMPTS.map((a) => planRun(a, 640, 427))).toEqual([
      { detector: 'tiny', inputSize: 416, padPx: 0 },
      { detector: 'tiny', inputSize: 416, padPx: 160 },
      { detector: 'tiny', inputSize: 416, padPx: 320 },
      { detector: 'tiny', inputSize: 608, padPx: 0 },
      { detector: 'ssd', inputSize: null, padPx: 160 },
    ]);
  });

  it('measures faces in detector-input pixels, so a small face at input 224 sends the frame on to 416', () => {
    const [first] = FRAME_PIPELINE.attempts;
    const run = planRun(first, 640, 480);
    const min = first.minFaceInputPx ?? 0;
    // 640 px frame at input 224: 0.35 input px per frame px; a 180 px box is 63 input px, a 200 px box 70.
    expect(smallestFaceInputPx([200, 180], run, 640, 480)).toBeCloseTo(63, 0);
    expect(smallestFaceInputPx([180], run, 640, 480)).toBeLessThan(min);
    expect(smallestFaceInputPx([200], run, 640, 480)).toBeGreaterThanOrEqual(min);
    // a 150 px crop at its own size (160) is never "small"
    const crop = planRun(first, 150, 150);
    expect(smallestFaceInputPx([140], crop, 150, 150)).toBeGreaterThanOrEqual(min);
    expect(smallestFaceInputPx([], run, 640, 480)).toBe(Infinity);
    expect(smallestFaceInputPx([10], planRun({ detector: 'ssd' }, 640, 480), 640, 480)).toBe(Infinity);
  });
});
