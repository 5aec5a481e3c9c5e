import { describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { FaceEngine } from './face-engine.service.js';
import { FaceModule } from './face.module.js';
import { photo } from './face-test.fixtures.js';

describe('FaceModule', () => {
  it('provides a working FaceEngine and closes its pool on shutdown', async () => {
    const app = await Test.createTestingModule({ imports: [FaceModule.forRoot({ workers: 1, maxQueue: 1 })] }).compile();
    const engine = app.get(FaceEngine);
    expect((await engine.detectAndDescribe(await photo('deepface/img1.jpg'))).length).toBe(1);
    await app.close();
    await expect(engine.detectAndDescribe(await photo('deepface/img1.jpg'))).rejects.toMatchObject({ code: 'ENGINE_CLOSED' });
  }, 60_000);
});
