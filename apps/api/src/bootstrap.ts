import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import helmet from 'helmet';
import { DataSource } from 'typeorm';
import { createValidationPipe, HttpExceptionFilter, JsonLogger, Metrics, refuseDeepJson, requestContext, type AppConfig } from '#core';
import { AppModule } from './app.module.js';
import { DemoSeeder, type SeedResult } from './seed/demo.seeder.js';

export interface StartedApp {
  app: NestExpressApplication;
  seeded: SeedResult | null;
}

/** Builds the fully configured application; main.ts and the e2e tests share it so tests run what ships. */
export async function createApp(config: AppConfig): Promise<StartedApp> {
  const logger = new JsonLogger(config.logLevel);
  const metrics = new Metrics();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger, metrics), {
    logger,
    bodyParser: false,
    abortOnError: false,
  });
  app.set('trust proxy', 'loopback');
  app.use(requestContext(logger, metrics));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          mediaSrc: ["'self'", 'blob:'],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          scriptSrc: ["'self'", "'unsafe-inline'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          workerSrc: ["'self'", 'blob:'],
        },
      },
    }),
  );
  app.use(express.json({ limit: config.limits.jsonBody, verify: refuseDeepJson }));
  app.use(express.urlencoded({ extended: false, limit: config.limits.jsonBody }));
  app.enableCors({ origin: config.corsOrigins.length > 0 ? config.corsOrigins : false, credentials: true });
  app.setGlobalPrefix('api', { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter(logger));
  app.enableShutdownHooks();

  const openapi = new DocumentBuilder()
    .setTitle('Diên Hồng API')
    .setDescription('Hybrid meetings: delegate registry, face check-in, electronic voting and opinions')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openapi), { jsonDocumentUrl: 'api/docs-json' });

  await app.init();
  const dataSource = app.get(DataSource);
  if (config.migrationsRun) {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    if (ran.length > 0) logger.write('info', 'migrations applied', { migrations: ran.map((m) => m.name) });
  }
  const seeded = await app.get(DemoSeeder).seedIfWanted();
  return { app, seeded };
}
