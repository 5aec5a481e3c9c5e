import { Inject, Module, type DynamicModule, type OnModuleDestroy } from '@nestjs/common';
import { FaceEngine, type FaceEngineOptions } from './face-engine.service.js';

/** Nest wiring: one FaceEngine (worker pool) per application, closed on shutdown. */
@Module({})
export class FaceModule implements OnModuleDestroy {
  constructor(@Inject(FaceEngine) private readonly engine: FaceEngine) {}

  static forRoot(options: FaceEngineOptions = {}): DynamicModule {
    return {
      module: FaceModule,
      providers: [{ provide: FaceEngine, useFactory: (): Promise<FaceEngine> => FaceEngine.create(options) }],
      exports: [FaceEngine],
    };
  }

  async onModuleDestroy(): Promise<void> {
    await this.engine.close();
  }
}
