import { describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonLogger, loadConfig, type HealthService } from '#core';
import { FaceEngineHolder } from './face-engine.holder.js';
import { photo } from '../common/face-test.fixtures.js';

describe('FaceEngineHolder (FaceModule wiring)', () => {
  it('starts one working FaceEngine on first use and closes its pool on shutdown', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'face-holder-'));
    const config = loadConfig({ DATA_DIR: dataDir, FACE_WORKERS: '1', FACE_MAX_QUEUE: '1', FACE_PRELOAD: 'false' });
    const checks: string[] = [];
    const health = { register: (name: string) => checks.push(name) } as unknown as HealthService;
    const holder = new FaceEngineHolder(config, new JsonLogger('silent'), health);
    expect(checks).toEqual(['face']);
    const engine = await holder.get();
    expect(await holder.get()).toBe(engine);
    expect((await engine.detectAndDescribe(await photo('deepface/img1.jpg'))).length).toBe(1);
    await holder.onModuleDestroy();
    await expect(engine.detectAndDescribe(await photo('deepface/img1.jpg'))).rejects.toMatchObject({ code: 'ENGINE_CLOSED' });
    await expect(holder.get()).rejects.toThrow('shutting down');
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);
});
