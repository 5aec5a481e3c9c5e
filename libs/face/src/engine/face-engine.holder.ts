import { join } from 'node:path';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, HealthService, JsonLogger, type AppConfig, type ComponentHealth } from '#core';
import { DescriptorCipher, loadOrCreateKeyFile, readKeyFileVersion } from '../enrolment/descriptor-cipher.js';
import { FaceEngine } from './face-engine.service.js';
import type { PoolResult } from './face-worker-pool.js';
import type { DetectOptions } from './face.types.js';
import { toFaceDomainError } from '../face.errors.js';

/**
 * The one FaceEngine (worker pool) of this API process, started at boot in the background (FACE_PRELOAD) or on
 * first use, so tests and processes that never see a face do not pay for the models. Engine errors come out as
 * DomainErrors (IMAGE_INVALID 400 ... ENGINE_BUSY 503 with Retry-After).
 */
@Injectable()
export class FaceEngineHolder implements OnApplicationBootstrap, OnModuleDestroy {
  private engine: Promise<FaceEngine> | null = null;
  private cipher: Promise<DescriptorCipher> | null = null;
  private started: FaceEngine | null = null;
  private closing = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: JsonLogger,
    health: HealthService,
  ) {
    health.register('face', () => this.health());
  }

  onApplicationBootstrap(): void {
    if (!this.config.face.preload) return;
    this.get().catch((err: unknown) => this.logger.write('error', 'face engine failed to start', { error: err instanceof Error ? err.stack : String(err) }));
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    const engine = this.engine ? await this.engine.catch(() => null) : null;
    await engine?.close();
  }

  get(): Promise<FaceEngine> {
    if (this.closing) return Promise.reject(new Error('face engine is shutting down'));
    this.engine ??= this.start().catch((err: unknown) => {
      this.engine = null;
      throw err;
    });
    return this.engine;
  }

  /** All faces of an image, largest first. */
  async detect(image: Uint8Array, opts: DetectOptions = {}): Promise<PoolResult> {
    const engine = await this.get();
    try {
      return await engine.detectAndDescribeTimed(image, opts);
    } catch (err: unknown) {
      throw toFaceDomainError(err);
    }
  }

  /** AES-256-GCM for descriptors: FACE_KEY, else DATA_DIR/face.key (created with mode 0600 on first start). */
  descriptorCipher(): Promise<DescriptorCipher> {
    const { key, keyVersion } = this.config.face;
    const keyPath = join(this.config.dataDir, 'face.key');
    this.cipher ??= key
      ? Promise.resolve(new DescriptorCipher(key, keyVersion))
      : Promise.all([loadOrCreateKeyFile(keyPath), readKeyFileVersion(keyPath)]).then(([k, v]) => new DescriptorCipher(k, v ?? keyVersion));
    return this.cipher;
  }

  private async start(): Promise<FaceEngine> {
    const { workers, maxQueue, maxHeapMb, backend } = this.config.face;
    const started = Date.now();
    const engine = await FaceEngine.create({
      ...(workers ? { workers } : {}),
      ...(maxQueue !== null ? { maxQueue } : {}),
      maxHeapMb,
      backend,
    });
    if (this.closing) {
      await engine.close();
      throw new Error('face engine is shutting down');
    }
    this.started = engine;
    this.logger.write('info', 'face engine started', { backend: engine.backend(), workers: engine.workers, ms: Date.now() - started });
    return engine;
  }

  private health(): ComponentHealth {
    if (this.started) return { status: 'up', backend: this.started.backend(), workers: this.started.workers, recycledWorkers: this.started.recycledWorkers };
    // not started yet is normal (lazy start): report it without making the service look degraded
    return { status: 'up', backend: null, workers: 0, started: false, preload: this.config.face.preload };
  }
}
