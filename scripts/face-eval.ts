// Evaluates the face engine on a labelled manifest (file,person,role) with the shipped threshold and margin.
// Usage: node dist/scripts/face-eval.js --manifest <csv> [--json] [--workers 1] [--threshold x] [--margin y]
//        [--max-side 1024] [--details] [--pipeline photo|frame]
// --pipeline frame: probes go through the kiosk frame path (FRAME_PIPELINE at 640 px, FRAME_MATCHER_SETTINGS);
// enrolment photos always go through the enrolment path.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  DEFAULT_MATCHER_SETTINGS,
  FRAME_MATCHER_SETTINGS,
  FRAME_PIPELINE,
  FaceEngine,
  FaceError,
  FaceMatcher,
  euclidean,
  selectEnrollmentFace,
  selectSubjectFace,
  type DetectedFace,
} from '#face';

interface Row {
  file: string;
  person: string;
  role: 'enroll' | 'probe';
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function stats(values: number[]): Record<string, number> {
  const s = [...values].sort((a, b) => a - b);
  const r = (v: number): number => Number(v.toFixed(3));
  return { n: s.length, min: r(s[0]), p5: r(percentile(s, 5)), p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), max: r(s[s.length - 1]) };
}

async function main(): Promise<void> {
  const manifestArg = arg('manifest');
  if (!manifestArg) throw new Error('--manifest <csv> is required');
  const manifest = resolve(manifestArg);
  const json = process.argv.includes('--json');
  const details = process.argv.includes('--details');
  const pipeline = arg('pipeline') ?? 'photo';
  if (pipeline !== 'photo' && pipeline !== 'frame') throw new Error('--pipeline must be photo or frame');
  const shipped = pipeline === 'frame' ? FRAME_MATCHER_SETTINGS : DEFAULT_MATCHER_SETTINGS;
  const threshold = Number(arg('threshold') ?? shipped.threshold);
  const margin = Number(arg('margin') ?? shipped.margin);
  const flip = arg('flip');
  const maxSide = arg('max-side') ? Number(arg('max-side')) : undefined;
  const rows = parse(await readFile(manifest), { columns: true, skip_empty_lines: true, trim: true }) as Row[];
  const base = dirname(manifest);

  const engine = await FaceEngine.create({ workers: Number(arg('workers') ?? 1), maxQueue: 1000 });
  const matcher = new FaceMatcher({ threshold, margin });
  const latencies: number[] = [];
  const subjects: { person: string; role: string; file: string; descriptor: Float32Array }[] = [];
  const log: string[] = [];

  // Sequential on purpose: latency is per frame on an otherwise idle engine.
  async function detect(file: string, role: Row['role']): Promise<DetectedFace[]> {
    const image = await readFile(resolve(base, file));
    const t0 = performance.now();
    try {
      return await engine.detectAndDescribe(image, {
        ...(pipeline === 'frame' && role === 'probe' ? { ...FRAME_PIPELINE, maxSide: 640 } : {}),
        ...(maxSide ? { maxSide } : {}),
        ...(flip !== undefined ? { flipAverage: flip === 'on' } : {}),
      });
    } finally {
      latencies.push(performance.now() - t0);
    }
  }

  let enrolled = 0;
  const enrollSkipped: { file: string; code: string }[] = [];
  for (const row of rows.filter((r) => r.role === 'enroll')) {
    try {
      const face = selectEnrollmentFace(await detect(row.file, row.role));
      matcher.add(row.person, face.descriptor);
      subjects.push({ person: row.person, role: 'enroll', file: row.file, descriptor: face.descriptor });
      enrolled++;
    } catch (err) {
      if (!(err instanceof FaceError)) throw err;
      enrollSkipped.push({ file: row.file, code: err.code });
    }
  }
  const enrolledPersons = new Set(rows.filter((r) => r.role === 'enroll').map((r) => r.person));
  const galleryPersons = new Set(subjects.map((s) => s.person));

  let probes = 0;
  let correct = 0;
  let falseAccepts = 0;
  let falseRejects = 0;
  let strangers = 0;
  let strangersRejected = 0;
  let notDetected = 0;
  const genuineBest: number[] = [];
  const impostorBest: number[] = [];
  const genuineMargins: number[] = [];
  const impostorMargins: number[] = [];
  for (const row of rows.filter((r) => r.role === 'probe')) {
    const known = enrolledPersons.has(row.person);
    let personId: string | null = null;
    let note: string;
    try {
      const face = selectSubjectFace(await detect(row.file, row.role));
      subjects.push({ person: row.person, role: 'probe', file: row.file, descriptor: face.descriptor });
      const m = matcher.identify(face.descriptor);
      personId = m.personId;
      note = `d=${m.distance.toFixed(3)} 2nd=${m.secondDistance.toFixed(3)} nearest=${m.nearestPersonId} via ${face.detector}`;
      if (m.nearestPersonId === row.person) {
        genuineBest.push(m.distance);
        genuineMargins.push(m.margin);
        impostorBest.push(m.secondDistance);
      } else {
        impostorBest.push(m.distance);
        impostorMargins.push(m.margin);
      }
    } catch (err) {
      if (!(err instanceof FaceError)) throw err;
      note = err.code;
      notDetected++;
    }
    if (known) {
      probes++;
      if (personId === row.person) correct++;
      else if (personId === null) falseRejects++;
    } else {
      strangers++;
      if (personId === null) strangersRejected++;
    }
    if (personId !== null && personId !== row.person) falseAccepts++;
    log.push(`${personId === row.person || (!known && personId === null) ? 'ok ' : 'ERR'} ${row.file} [${row.person}] -> ${personId ?? 'rejected'} ${note}`);
  }

  // All-pairs distances between subject faces (enrol + probe): the distributions behind threshold and margin.
  const genuinePairs: number[] = [];
  const impostorPairs: number[] = [];
  for (let i = 0; i < subjects.length; i++) {
    for (let j = i + 1; j < subjects.length; j++) {
      const d = euclidean(subjects[i].descriptor, subjects[j].descriptor);
      (subjects[i].person === subjects[j].person ? genuinePairs : impostorPairs).push(d);
    }
  }

  // Operating-point sweep on the same descriptors: how much room the shipped threshold has on each side.
  const sweep: string[] = [];
  if (process.argv.includes('--sweep')) {
    const gallery = subjects.filter((x) => x.role === 'enroll');
    const probeSubjects = subjects.filter((x) => x.role === 'probe');
    for (let t = 0.4; t <= 0.625; t += 0.02) {
      const mm = new FaceMatcher({ threshold: t, margin });
      for (const g of gallery) mm.add(g.person, g.descriptor);
      let ok = 0;
      let fa = 0;
      let sr = 0;
      for (const p of probeSubjects) {
        const id = mm.identify(p.descriptor).personId;
        if (id !== null && id !== p.person) fa++;
        if (enrolledPersons.has(p.person) && id === p.person) ok++;
        if (!enrolledPersons.has(p.person) && id === null) sr++;
      }
      sweep.push(`threshold ${t.toFixed(2)}: rank-1 ${(ok / Math.max(1, probes)).toFixed(3)}, false accepts ${fa}, strangers rejected ${sr + (strangers - probeSubjects.filter((p) => !enrolledPersons.has(p.person)).length)}/${strangers}`);
    }
  }

  const sorted = [...latencies].sort((a, b) => a - b);
  const result = {
    backend: engine.backend(),
    pipeline,
    threshold,
    margin,
    enrolled,
    enrollSkipped: enrollSkipped.length,
    persons: galleryPersons.size,
    probes,
    rank1Accuracy: probes ? Number((correct / probes).toFixed(4)) : 0,
    falseAccepts,
    falseRejects,
    strangers,
    strangersRejected,
    probesWithoutFace: notDetected,
    latencyMsP50: Number(percentile(sorted, 50).toFixed(1)),
    latencyMsP95: Number(percentile(sorted, 95).toFixed(1)),
    distances: {
      genuinePairs: stats(genuinePairs),
      impostorPairs: stats(impostorPairs),
      probeToOwnPerson: stats(genuineBest),
      probeToNearestOtherPerson: stats(impostorBest),
      genuineMargin: stats(genuineMargins),
      impostorMargin: stats(impostorMargins),
    },
  };
  await engine.close();
  if (!json) {
    if (details) for (const line of log) console.log(line);
    for (const s of enrollSkipped) console.log(`enrol skipped: ${s.file} (${s.code})`);
    console.log(
      `backend ${result.backend}, threshold ${threshold}, margin ${margin}: ${enrolled} enrolment photos of ${result.persons} persons` +
        ` (${enrollSkipped.length} skipped); rank-1 ${(result.rank1Accuracy * 100).toFixed(1)}% of ${probes} probes,` +
        ` ${falseAccepts} false accepts, ${falseRejects} false rejects, ${strangersRejected}/${strangers} strangers rejected;` +
        ` latency p50 ${result.latencyMsP50} ms, p95 ${result.latencyMsP95} ms`,
    );
    for (const line of sweep) console.log(line);
    console.log(`genuine pairs ${JSON.stringify(result.distances.genuinePairs)}`);
    console.log(`impostor pairs ${JSON.stringify(result.distances.impostorPairs)}`);
    console.log(`probe->own person ${JSON.stringify(result.distances.probeToOwnPerson)}`);
    console.log(`probe->nearest other person ${JSON.stringify(result.distances.probeToNearestOtherPerson)}`);
    console.log(`margin (2nd - best person) when best is right ${JSON.stringify(result.distances.genuineMargin)}`);
    console.log(`margin when best is a wrong person ${JSON.stringify(result.distances.impostorMargin)}`);
  }
  console.log(JSON.stringify(result));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
