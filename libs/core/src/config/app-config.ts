import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { envSchema, type Env } from './env.schema.js';

export const APP_CONFIG = Symbol('APP_CONFIG');

export interface AppConfig {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  dataDir: string;
  database: { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dataDir: string; fsync: boolean };
  migrationsRun: boolean;
  jwt: { secret: string; accessTtlSeconds: number; refreshTtlDays: number };
  demo: { seed: Env['DEMO_SEED']; password: string };
  login: { maxAttempts: number; windowSeconds: number; addressMaxAttempts: number; maxConcurrentHashes: number; hashQueue: number; hashesPerAddress: number };
  /** Proxies whose X-Forwarded-For is trusted (Express `trust proxy`); empty = none. */
  trustedProxies: string[];
  limits: { documentMaxBytes: number; importMaxBytes: number; jsonBody: string };
  logLevel: Env['LOG_LEVEL'];
  corsOrigins: string[];
  /** How often deadline jobs run (opinion rounds, poll countdowns); 0 turns them off. */
  schedulerIntervalSeconds: number;
  /** SIGTERM: wait this long for in-flight work before closing (apps/api/src/shutdown.ts). */
  shutdownGraceSeconds: number;
  /** LiveKit conferencing; null when LIVEKIT_URL/KEY/SECRET are unset (conference routes answer 503). */
  livekit: LiveKitConfig | null;
  /** socket.io: Redis adapter when redisUrl is set, per-message size limit. */
  realtime: { redisUrl: string | null; maxPayloadBytes: number };
  /** Face check-in engine, descriptor key and kiosk settings (libs/face). */
  face: FaceConfig;
  /** Secret ballots: master key (null: DATA_DIR/ballot.key) and the directory of open polls' key files. */
  ballots: { key: string | null; keyDir: string };
  /** Assigned tasks: reminder lead time; mail settings (smtpUrl null = no email). */
  tasks: { reminderDaysBefore: number; smtpUrl: string | null; smtpFrom: string };
  /** Official documents and signatures: place line, PKCS#12 key at rest, PKCS#11 module, TSA, trusted roots file. */
  documents: {
    place: string;
    signKey: string | null;
    signKeyVersion: number;
    pkcs11Module: string | null;
    pkcs11Tool: string;
    tsaUrl: string | null;
    trustedRootsFile: string | null;
  };
  /** The raw validated environment, for libraries that add their own settings. */
  raw: Readonly<Record<string, string | undefined>>;
}

export interface FaceConfig {
  workers: number | null;
  maxQueue: number | null;
  maxHeapMb: number;
  backend: Env['FACE_BACKEND'];
  preload: boolean;
  /** null: use (or create) DATA_DIR/face.key. */
  key: string | null;
  keyVersion: number;
  noticeVersion: string;
  /** Days without a check-in after which descriptors are deleted. */
  retentionDays: number;
  /** Days a consent to an older notice keeps its (unmatched) descriptors before they are deleted. */
  noticeGraceDays: number;
  /** Controller named in the notice and the record of processing, and how to reach it. */
  controller: string;
  contact: string;
  agreementFrames: number;
  agreementWindowMs: number;
  frameMaxSide: number;
  kioskMaxFps: number;
}

export interface LiveKitConfig {
  /** Where the API calls LiveKit's server API (ws:// is turned into http:// by the SDK). */
  url: string;
  /** What clients are told to connect to. */
  publicUrl: string;
  apiKey: string;
  apiSecret: string;
  egress: { enabled: boolean; filepath: string };
  tokenTtlSeconds: number;
  /** 0 turns the participant reconcile job off. */
  reconcileIntervalSeconds: number;
  roomEmptyTimeoutSeconds: number;
  roomParticipantMargin: number;
}

export class ConfigError extends Error {}

/** Validates the environment once; a bad value stops start-up with a message naming the variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const dataDir = resolve(env.DATA_DIR);
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    dataDir,
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: env.DB_POOL_SIZE }
      : { kind: 'pglite', dataDir: env.PGLITE_DIR ?? join(dataDir, 'pglite'), fsync: env.PGLITE_FSYNC },
    migrationsRun: env.MIGRATIONS_RUN,
    jwt: {
      secret: env.JWT_SECRET ?? jwtSecretFromDataDir(dataDir, env.NODE_ENV),
      accessTtlSeconds: env.JWT_ACCESS_TTL_SECONDS,
      refreshTtlDays: env.JWT_REFRESH_TTL_DAYS,
    },
    demo: { seed: env.DEMO_SEED, password: env.DEMO_PASSWORD },
    login: {
      maxAttempts: env.LOGIN_MAX_ATTEMPTS,
      windowSeconds: env.LOGIN_WINDOW_SECONDS,
      addressMaxAttempts: env.LOGIN_ADDRESS_MAX_ATTEMPTS,
      maxConcurrentHashes: env.LOGIN_MAX_CONCURRENT_HASHES ?? Math.max(1, Math.floor(availableParallelism() / 2)),
      hashQueue: env.LOGIN_HASH_QUEUE,
      hashesPerAddress: env.LOGIN_HASHES_PER_ADDRESS,
    },
    trustedProxies: (env.TRUSTED_PROXIES ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    limits: { documentMaxBytes: env.DOCUMENT_MAX_BYTES, importMaxBytes: env.IMPORT_MAX_BYTES, jsonBody: env.JSON_BODY_LIMIT },
    logLevel: env.LOG_LEVEL,
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    schedulerIntervalSeconds: env.SCHEDULER_INTERVAL_SECONDS,
    shutdownGraceSeconds: env.SHUTDOWN_GRACE_SECONDS,
    livekit:
      env.LIVEKIT_URL && env.LIVEKIT_API_KEY && env.LIVEKIT_API_SECRET
        ? {
            url: env.LIVEKIT_URL,
            publicUrl: env.LIVEKIT_PUBLIC_URL ?? env.LIVEKIT_URL,
            apiKey: env.LIVEKIT_API_KEY,
            apiSecret: env.LIVEKIT_API_SECRET,
            egress: { enabled: env.LIVEKIT_EGRESS_ENABLED, filepath: env.LIVEKIT_EGRESS_FILEPATH },
            tokenTtlSeconds: env.LIVEKIT_TOKEN_TTL_SECONDS,
            reconcileIntervalSeconds: env.LIVEKIT_RECONCILE_INTERVAL_SECONDS,
            roomEmptyTimeoutSeconds: env.LIVEKIT_ROOM_EMPTY_TIMEOUT_SECONDS,
            roomParticipantMargin: env.LIVEKIT_ROOM_PARTICIPANT_MARGIN,
          }
        : null,
    realtime: { redisUrl: env.REDIS_URL ?? null, maxPayloadBytes: env.WS_MAX_PAYLOAD_BYTES },
    face: {
      workers: env.FACE_WORKERS ?? null,
      maxQueue: env.FACE_MAX_QUEUE ?? null,
      maxHeapMb: env.FACE_WORKER_MAX_HEAP_MB,
      backend: env.FACE_BACKEND,
      preload: env.FACE_PRELOAD ?? env.NODE_ENV !== 'test',
      key: env.FACE_KEY?.trim() ?? null,
      keyVersion: env.FACE_KEY_VERSION,
      noticeVersion: env.FACE_NOTICE_VERSION,
      retentionDays: env.FACE_RETENTION_DAYS,
      noticeGraceDays: env.FACE_NOTICE_GRACE_DAYS,
      controller: env.PRIVACY_CONTROLLER,
      contact: env.PRIVACY_CONTACT,
      agreementFrames: env.FACE_AGREEMENT_FRAMES,
      agreementWindowMs: env.FACE_AGREEMENT_WINDOW_MS,
      frameMaxSide: env.FACE_FRAME_MAX_SIDE,
      kioskMaxFps: env.FACE_KIOSK_MAX_FPS,
    },
    ballots: { key: env.BALLOT_KEY?.trim() ?? null, keyDir: resolve(env.BALLOT_KEY_DIR ?? join(dataDir, 'ballot-keys')) },
    tasks: { reminderDaysBefore: env.TASK_REMINDER_DAYS_BEFORE, smtpUrl: env.SMTP_URL ?? null, smtpFrom: env.SMTP_FROM },
    documents: {
      place: env.DOCUMENT_PLACE,
      signKey: env.SIGN_KEY?.trim() ?? null,
      signKeyVersion: env.SIGN_KEY_VERSION,
      pkcs11Module: env.SIGN_PKCS11_MODULE ?? null,
      pkcs11Tool: env.SIGN_PKCS11_TOOL,
      tsaUrl: env.SIGN_TSA_URL ?? null,
      trustedRootsFile: env.SIGN_TRUSTED_ROOTS ?? null,
    },
    raw: { ...source },
  };
}

/** The embedded setup must work with no configuration, so it keeps a generated secret in the data dir. */
function jwtSecretFromDataDir(dataDir: string, nodeEnv: Env['NODE_ENV']): string {
  if (nodeEnv === 'production') throw new ConfigError('Invalid environment configuration:\n  JWT_SECRET: required in production');
  const file = join(dataDir, 'jwt.secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
