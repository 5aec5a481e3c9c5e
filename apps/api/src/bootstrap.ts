import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { DataSource } from 'typeorm';
import { createValidationPipe, HttpExceptionFilter, withContractSchemas, InFlight, inFlightMiddleware, JsonLogger, Metrics, refuseDeepJson, requestContext, type AppConfig } from '#core';
import { setupRealtime, type RealtimeIoAdapter } from '#realtime';
import { AppModule } from './app.module.js';
import { DemoSeeder, type SeedResult } from './seed/demo.seeder.js';

export interface StartedApp {
  app: NestExpressApplication;
  seeded: SeedResult | null;
  /** What clients are waiting on, and the socket server: for a graceful shutdown (shutdown.ts). */
  inFlight: InFlight;
  realtime: RealtimeIoAdapter;
  logger: JsonLogger;
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
  // X-Forwarded-For is believed only from the configured proxies (TRUSTED_PROXIES): anyone else could rotate it
  // and slip past every per-address limit
  app.set('trust proxy', config.trustedProxies.length > 0 ? config.trustedProxies : false);
  const inFlight = new InFlight();
  app.use(requestContext(logger, metrics));
  app.use(inFlightMiddleware(inFlight));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          mediaSrc: ["'self'", 'blob:'],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          // the built web UI has no inline script or handler (test/web/csp.e2e-spec.ts)
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          workerSrc: ["'self'", 'blob:'],
          // the web UI shows meeting PDFs (fetched with the bearer token) in an iframe on a blob: URL
          frameSrc: ["'self'", 'blob:'],
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
  // no enableShutdownHooks(): main.ts drains first (shutdown.ts), then closes the app itself
  const realtime = await setupRealtime(app, config, logger, inFlight);

  const openapi = new DocumentBuilder()
    .setTitle('Diên Hồng API')
    .setDescription('Hybrid meetings: delegate registry, face check-in, electronic voting and opinions')
    .setVersion('0.1.0')
    .addBearerAuth()
    // every error answer has the one shape of HttpExceptionFilter, whatever the route
    .addGlobalResponse({ status: 'default', description: 'An error (4xx, 5xx): the code, a message and the request id', schema: { $ref: '#/components/schemas/ApiErrorBody' } })
    .build();
  SwaggerModule.setup('api/docs', app, () => withContractSchemas(SwaggerModule.createDocument(app, openapi)), { jsonDocumentUrl: 'api/docs-json' });

  serveWebUi(app, logger);
  await app.init();
  const dataSource = app.get(DataSource);
  if (config.migrationsRun) {
    const ran = await migrateExclusively(dataSource, config);
    if (ran.length > 0) logger.write('info', 'migrations applied', { migrations: ran.map((m) => m.name) });
  }
  const seeded = await app.get(DemoSeeder).seedIfWanted();
  return { app, seeded, inFlight, realtime, logger };
}

const MIGRATION_LOCK = 7_362_001;

/** Replicas starting together migrate one after another (a session advisory lock), never the same step twice. */
async function migrateExclusively(dataSource: DataSource, config: AppConfig): Promise<{ name: string }[]> {
  if (config.database.kind !== 'postgres') return dataSource.runMigrations({ transaction: 'each' });
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => undefined);
    await lock.release();
  }
}

/** The built web UI (apps/web/dist) from the source tree (tests) or next to dist/ (npm start). */
function webUiDir(): string | null {
  const candidates = ['../../../apps/web/dist', '../../../../apps/web/dist'].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

const NOT_UI = /^\/(api|metrics|socket\.io)(\/|$)/;

/**
 * Serves the web UI at `/`: hashed assets cached for a year, and index.html for any other GET that asks for
 * HTML (client-side routes). /api, /metrics and /socket.io are never answered by the UI.
 */
function serveWebUi(app: NestExpressApplication, logger: JsonLogger): void {
  const dir = webUiDir();
  if (!dir) {
    logger.write('warn', 'web UI not built (npm run build:web): only the API is served');
    return;
  }
  const index = join(dir, 'index.html');
  app.use(
    express.static(dir, {
      index: false,
      setHeaders: (res, path) => {
        res.setHeader('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_UI.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index, (err?: Error) => {
      if (err) next(err);
    });
  });
}
