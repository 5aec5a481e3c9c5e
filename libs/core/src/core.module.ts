import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthSessionEntity } from './auth/auth-session.entity.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { SessionRevocations } from './auth/session-revocations.js';
import { UpdateUserUseCase } from './auth/update-user.use-case.js';
import { UserEntity } from './auth/user.entity.js';
import { UsersController } from './auth/users.controller.js';
import { Clock } from './clock.js';
import { LeaseEntity } from './database/lease.entity.js';
import { LeaseService } from './database/lease.service.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { HealthController } from './health/health.controller.js';
import { HealthService } from './health/health.service.js';
import { JsonLogger } from './logging/json.logger.js';
import { Metrics } from './metrics/metrics.js';

/** Config, logging, metrics, auth and health: what every other library may inject. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, logger: JsonLogger, metrics: Metrics): DynamicModule {
    return {
      module: CoreModule,
      imports: [TypeOrmModule.forFeature([UserEntity, AuthSessionEntity, LeaseEntity])],
      controllers: [AuthController, UsersController, HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: JsonLogger, useValue: logger },
        { provide: Metrics, useValue: metrics },
        AuthService,
        SessionRevocations,
        UpdateUserUseCase,
        HealthService,
        Clock,
        LeaseService,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [APP_CONFIG, JsonLogger, Metrics, AuthService, SessionRevocations, HealthService, Clock, LeaseService, TypeOrmModule],
    };
  }
}

export const CORE_ENTITIES = [UserEntity, AuthSessionEntity, LeaseEntity];
