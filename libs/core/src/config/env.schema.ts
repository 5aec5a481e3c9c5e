import { isIP } from 'node:net';
import { z } from 'zod';

/** An entry of TRUSTED_PROXIES as Express's `trust proxy` understands it. */
export function isProxyEntry(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [addr, bits, extra] = entry.split('/');
  if (extra !== undefined) return false;
  const family = isIP(addr);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** The only place environment variables are read; everything else receives AppConfig. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PGLITE_DIR: z.string().min(1).optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  MIGRATIONS_RUN: bool.default(true),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_ACCESS_TTL_SECONDS: z.coerce.number().int().min(30).max(86400).default(900),
  JWT_REFRESH_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  DEMO_SEED: z.enum(['auto', 'always', 'never']).default('auto'),
  DEMO_PASSWORD: z.string().min(6, 'must be at least 6 characters').default('demo1234'),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10000).default(10),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
  /** Failed logins per client address in the window, whatever the username (a flood of random names). */
  LOGIN_ADDRESS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100000).default(100),
  /** Password hashes (argon2id, 64 MiB each) running at once; unset = half the cores, at least 1. */
  LOGIN_MAX_CONCURRENT_HASHES: z.coerce.number().int().min(1).max(64).optional(),
  /** Logins waiting for a hash slot; past this they are answered 503 with Retry-After. */
  LOGIN_HASH_QUEUE: z.coerce.number().int().min(0).max(10000).default(32),
  /** Hashes one client address may hold at once (running or waiting); past it 429 at once, so one address cannot fill the queue. */
  LOGIN_HASHES_PER_ADDRESS: z.coerce.number().int().min(1).max(10000).default(4),
  /**
   * Proxies whose X-Forwarded-For is believed, comma separated: IPs, CIDRs, or loopback/linklocal/uniquelocal.
   * Unset = none: the client address is the TCP peer and the header is ignored.
   */
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      for (const entry of (v ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
        if (!isProxyEntry(entry)) ctx.addIssue({ code: 'custom', message: `"${entry}" is not an IP address, a CIDR range, or loopback/linklocal/uniquelocal` });
      }
    }),
  /** Embedded PGlite: sync the WAL to disk at every commit (off only for throwaway data: tests, benchmarks). */
  PGLITE_FSYNC: bool.default(true),
  DOCUMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(500 * 1024 * 1024).default(20 * 1024 * 1024),
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(5 * 1024 * 1024),
  JSON_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/i, 'must look like 1mb or 512kb').default('1mb'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  CORS_ORIGINS: z.string().optional(),
  /** socket.io across instances: set to use the Redis adapter (redis:// or rediss://), unset = in-memory adapter. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/[^\s]+$/, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Largest socket.io message accepted; bigger ones close the connection instead of being buffered. */
  WS_MAX_PAYLOAD_BYTES: z.coerce.number().int().min(1024).max(16 * 1024 * 1024).default(1024 * 1024),
  // Face check-in (libs/face)
  /** Inference worker threads; unset = one per core. */
  FACE_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** Frames waiting for a worker before ENGINE_BUSY (503); unset = 4 per worker. */
  FACE_MAX_QUEUE: z.coerce.number().int().min(0).max(1000).optional(),
  /** A worker whose WebAssembly heap passed this many MB is replaced after its job (wasm memory never shrinks). */
  FACE_WORKER_MAX_HEAP_MB: z.coerce.number().int().min(64).max(4096).default(256),
  FACE_BACKEND: z.enum(['auto', 'tensorflow', 'wasm', 'cpu']).default('auto'),
  /** Start the worker pool at boot (unset: yes, except NODE_ENV=test where it starts on first use). */
  FACE_PRELOAD: bool.optional(),
  /** AES-256-GCM key for descriptors at rest, 32 bytes as base64 or hex; unset = DATA_DIR/face.key (created once). */
  FACE_KEY: z
    .string()
    .refine((v) => /^[0-9a-fA-F]{64}$/.test(v.trim()) || Buffer.from(v.trim(), 'base64').length === 32, 'must be 32 bytes as base64 or 64 hex characters')
    .optional(),
  /** Secret ballots' master key (receipts, poll key files), 32 bytes as base64 or hex; unset = DATA_DIR/ballot.key (created once). */
  BALLOT_KEY: z
    .string()
    .refine((v) => /^[0-9a-fA-F]{64}$/.test(v.trim()) || Buffer.from(v.trim(), 'base64').length === 32, 'must be 32 bytes as base64 or 64 hex characters')
    .optional(),
  /** Where open secret polls keep their private key file (outside the database; deleted at the count); unset = DATA_DIR/ballot-keys. */
  BALLOT_KEY_DIR: z.string().min(1).optional(),
  /** Names FACE_KEY in each stored blob, for rotation. */
  FACE_KEY_VERSION: z.coerce.number().int().min(1).max(255).default(1),
  /** Version of the biometric notice text a consent must refer to. */
  FACE_NOTICE_VERSION: z.string().min(1).max(32).default('2026-11'),
  /** Descriptors of a delegate with no check-in for this many days are deleted (Law 91/2025/QH15 Art. 3: kept no longer than the purpose needs). */
  FACE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  /** After a new notice comes into force, consents to an older one stop matching at once and are deleted after this many days without re-consent. */
  FACE_NOTICE_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  /** The personal data controller named in the biometric notice and the record of processing. */
  PRIVACY_CONTROLLER: z.string().trim().min(3).max(300).default('Văn phòng HĐND và UBND (cơ quan tổ chức cuộc họp)'),
  /** How a person reaches the controller about their data (shown in the notice and the record of processing). */
  PRIVACY_CONTACT: z.string().trim().min(3).max(300).default('Bộ phận quản trị hệ thống, Văn phòng HĐND và UBND'),
  /** The same person in this many frames of one kiosk within the window before a check-in. */
  FACE_AGREEMENT_FRAMES: z.coerce.number().int().min(1).max(10).default(2),
  FACE_AGREEMENT_WINDOW_MS: z.coerce.number().int().min(100).max(60000).default(4000),
  /** Frames are scaled down to this longest side before detection. */
  FACE_FRAME_MAX_SIDE: z.coerce.number().int().min(160).max(2048).default(640),
  /** Frames per second one kiosk may send (burst: twice that). */
  FACE_KIOSK_MAX_FPS: z.coerce.number().int().min(1).max(1000).default(20),
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** On SIGTERM: how long to wait for accepted requests and casts before closing anyway. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  // Assigned tasks (libs/assignments)
  /** Remind a task's lead unit this many days before its deadline; 0 turns reminders off. */
  TASK_REMINDER_DAYS_BEFORE: z.coerce.number().int().min(0).max(90).default(3),
  /** Outgoing mail for task reminders (smtp:// or smtps://); unset = in-app notifications only. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** Sender address of those mails. */
  SMTP_FROM: z.string().min(3).max(254).default('Dien Hong <no-reply@dienhong.local>'),
  // Official documents and digital signatures (libs/documents)
  /** Place printed in the place-and-date line of documents (Decree 30/2020 Appendix I, II.4). */
  DOCUMENT_PLACE: z.string().min(1).max(100).default('Hà Nội'),
  /** AES-256-GCM key for PKCS#12 files at rest, 32 bytes as base64 or hex; unset = DATA_DIR/sign.key (created once). */
  SIGN_KEY: z
    .string()
    .refine((v) => /^[0-9a-fA-F]{64}$/.test(v.trim()) || Buffer.from(v.trim(), 'base64').length === 32, 'must be 32 bytes as base64 or 64 hex characters')
    .optional(),
  SIGN_KEY_VERSION: z.coerce.number().int().min(1).max(255).default(1),
  /** The token vendor's PKCS#11 module (.so); unset = token signing off. */
  SIGN_PKCS11_MODULE: z.string().min(1).max(500).optional(),
  /** The pkcs11-tool binary that drives the module (Debian package opensc). */
  SIGN_PKCS11_TOOL: z.string().min(1).max(500).default('pkcs11-tool'),
  /** RFC 3161 time-stamping authority; set = every signature carries a timestamp token. */
  SIGN_TSA_URL: z.string().url().optional(),
  /** PEM file of root certificates the verify page trusts, beside those the administrator adds. */
  SIGN_TRUSTED_ROOTS: z.string().min(1).max(500).optional(),
  // LiveKit conferencing: all three or none (none = conferencing disabled, the rest of the system works)
  LIVEKIT_URL: z
    .string()
    .regex(/^(wss?|https?):\/\/[^\s]+$/, 'must be a ws://, wss://, http:// or https:// URL')
    .optional(),
  LIVEKIT_API_KEY: z.string().min(1).max(200).optional(),
  LIVEKIT_API_SECRET: z.string().min(1).max(500).optional(),
  /** The URL browsers connect to, when it differs from the one the API calls (docker: ws://livekit:7880 inside). */
  LIVEKIT_PUBLIC_URL: z
    .string()
    .regex(/^(wss?|https?):\/\/[^\s]+$/, 'must be a ws://, wss://, http:// or https:// URL')
    .optional(),
  LIVEKIT_EGRESS_ENABLED: bool.default(false),
  LIVEKIT_EGRESS_FILEPATH: z.string().min(1).max(500).default('recordings/{room_name}-{time}.mp4'),
  LIVEKIT_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(600),
  LIVEKIT_RECONCILE_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  LIVEKIT_ROOM_EMPTY_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(86400).default(300),
  LIVEKIT_ROOM_PARTICIPANT_MARGIN: z.coerce.number().int().min(0).max(1000).default(10),
}).superRefine((env, ctx) => {
  const livekit = ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'] as const;
  const set = livekit.filter((k) => env[k] !== undefined);
  if (set.length > 0 && set.length < livekit.length) {
    for (const k of livekit.filter((k) => env[k] === undefined)) {
      ctx.addIssue({ code: 'custom', path: [k], message: `required when ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set (LiveKit needs all three, or none to disable conferencing)` });
    }
  }
});

export type Env = z.infer<typeof envSchema>;
