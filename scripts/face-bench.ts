// Per-frame latency of the face engine (one image, sequential frames, idle engine); prints JSON on its last line.
// Usage: node dist/scripts/face-bench.js [--image path] [--frames 30] [--max-side 640] [--flip on|off] [--workers 1]
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FaceEngine, defaultModelsDir } from '#face';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const image = arg('image', join(defaultModelsDir(), '..', '..', 'shared', 'faces', 'deepface', 'img1.jpg'));
const frames = Number(arg('frames', '30'));
const maxSide = Number(arg('max-side', '640'));
const flipAverage = arg('flip', 'on') === 'on';
const engine = await FaceEngine.create({ workers: Number(arg('workers', '1')) });
try {
  const buf = await readFile(image);
  await engine.detectAndDescribe(buf, { maxSide, flipAverage });
  const wall: number[] = [];
  let faces = 0;
  for (let i = 0; i < frames; i++) {
    const t0 = performance.now();
    faces = (await engine.detectAndDescribe(buf, { maxSide, flipAverage })).length;
    wall.push(performance.now() - t0);
  }
  wall.sort((a, b) => a - b);
  const p = (q: number): number => Number(wall[Math.min(wall.length - 1, Math.ceil(q * wall.length) - 1)].toFixed(1));
  console.log(JSON.stringify({ backend: engine.backend(), image, maxSide, flipAverage, frames, faces, latencyMsP50: p(0.5), latencyMsP95: p(0.95) }));
} finally {
  await engine.close();
}
