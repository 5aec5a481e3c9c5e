// Per-frame latency and CPU of the face engine (sequential frames, idle engine); prints JSON on its last line.
// Usage: node dist/scripts/face-bench.js [--image path | --set checkin] [--frames 30] [--max-side 640] [--flip on|off]
//        [--pipeline photo|frame] [--workers 1]
// --set checkin: the probe and stranger photos bench:checkin sends, in turn. --pipeline frame: the kiosk frame path
// (FRAME_PIPELINE). cpuMs = process.cpuUsage() over one frame (worker inference + decoding): steadier than wall time
// on a shared machine, since waiting for a core is not counted.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FRAME_PIPELINE, FaceEngine, defaultModelsDir, type DetectOptions } from '#face';
import { CHECKIN_PEOPLE, CHECKIN_STRANGERS } from './lib/checkin-photos.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const facesDir = join(defaultModelsDir(), '..', '..', 'shared', 'faces');
const images =
  arg('set', '') === 'checkin'
    ? [...CHECKIN_PEOPLE.flatMap((p) => p.probes), ...CHECKIN_STRANGERS].map((f) => join(facesDir, f))
    : [arg('image', join(facesDir, 'deepface', 'img1.jpg'))];
const frames = Number(arg('frames', String(Math.max(30, images.length * 3))));
const maxSide = Number(arg('max-side', '640'));
const pipeline = arg('pipeline', 'photo');
if (pipeline !== 'photo' && pipeline !== 'frame') throw new Error('--pipeline must be photo or frame');
const flip = arg('flip', '');
const opts: DetectOptions = {
  ...(pipeline === 'frame' ? FRAME_PIPELINE : {}),
  maxSide,
  ...(flip ? { flipAverage: flip === 'on' } : {}),
};
const engine = await FaceEngine.create({ workers: Number(arg('workers', '1')) });
try {
  const bufs = await Promise.all(images.map((f) => readFile(f)));
  for (const buf of bufs) await engine.detectAndDescribe(buf, opts);
  const wall: number[] = [];
  const cpu: number[] = [];
  let faces = 0;
  for (let i = 0; i < frames; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    faces += (await engine.detectAndDescribe(bufs[i % bufs.length], opts)).length;
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const p = (values: number[], q: number): number => {
    const s = [...values].sort((a, b) => a - b);
    return Number(s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)].toFixed(1));
  };
  const mean = (values: number[]): number => Number((values.reduce((a, b) => a + b, 0) / values.length).toFixed(1));
  console.log(
    JSON.stringify({
      backend: engine.backend(),
      images: images.length === 1 ? images[0] : images.length,
      pipeline,
      maxSide,
      frames,
      facesPerFrame: Number((faces / frames).toFixed(2)),
      latencyMsP50: p(wall, 0.5),
      latencyMsP95: p(wall, 0.95),
      cpuMsMean: mean(cpu),
      cpuMsP50: p(cpu, 0.5),
      cpuMsP95: p(cpu, 0.95),
    }),
  );
} finally {
  await engine.close();
}
