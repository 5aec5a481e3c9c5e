import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyAlgorithm, RawSigner } from './cms.js';

export type Pkcs11Failure = 'PIN_INCORRECT' | 'PIN_LOCKED' | 'TOKEN_NOT_PRESENT' | 'KEY_NOT_FOUND' | 'MODULE_NOT_FOUND' | 'TOKEN_ERROR';

export class Pkcs11Error extends Error {
  constructor(
    readonly failure: Pkcs11Failure,
    message: string,
  ) {
    super(message);
  }
}

export interface Pkcs11KeyRef {
  /** Path of the token vendor's PKCS#11 module (SIGN_PKCS11_MODULE). */
  module: string;
  tokenLabel: string;
  /** CKA_ID of the key and its certificate, hex. */
  keyId: string;
  /** The pkcs11-tool binary (SIGN_PKCS11_TOOL), OpenSC's by default. */
  tool?: string;
}

/** The token's messages (PKCS#11 return values) mapped to what the user has to do. */
export function classifyPkcs11(stderr: string): Pkcs11Failure {
  if (/CKR_PIN_INCORRECT|CKR_PIN_INVALID|CKR_PIN_LEN_RANGE/.test(stderr)) return 'PIN_INCORRECT';
  if (/CKR_PIN_LOCKED/.test(stderr)) return 'PIN_LOCKED';
  if (/No slot with token|CKR_TOKEN_NOT_PRESENT|CKR_DEVICE_REMOVED|CKR_SESSION_HANDLE_INVALID|CKR_TOKEN_NOT_RECOGNIZED|CKR_DEVICE_ERROR/.test(stderr)) return 'TOKEN_NOT_PRESENT';
  if (/Failed to load pkcs11 module|sc_dlopen failed/.test(stderr)) return 'MODULE_NOT_FOUND';
  if (/object not found|Private key not found|No private key|Certificate .* not found|object .*not found/i.test(stderr)) return 'KEY_NOT_FOUND';
  return 'TOKEN_ERROR';
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { env, encoding: 'buffer', timeout: 60_000, maxBuffer: 4 * 1024 * 1024 }, (err, stdout, stderr) => {
      const errText = stderr.toString('utf8');
      if (err) reject(new Pkcs11Error(classifyPkcs11(`${errText} ${err.message}`), errText.trim().split('\n').pop() || err.message));
      else resolve({ stdout, stderr: errText });
    });
  });
}

/**
 * PKCS#11 tokens (the USB tokens Vietnamese CAs issue) through OpenSC's pkcs11-tool and the vendor's module: the
 * module runs in a child process, so a faulty vendor library cannot take the API down, and the PIN goes through the
 * child's environment (`--pin env:`), never its command line, where other local users could read it.
 */
export class Pkcs11Token {
  constructor(private readonly ref: Pkcs11KeyRef) {}

  private base(): string[] {
    return ['--module', this.ref.module, '--token-label', this.ref.tokenLabel];
  }

  /** The certificate stored beside the key (same CKA_ID), DER. */
  async certificate(): Promise<Buffer> {
    const { stdout } = await run(this.ref.tool ?? 'pkcs11-tool', [...this.base(), '--read-object', '--type', 'cert', '--id', this.ref.keyId], process.env);
    if (stdout.length === 0) throw new Pkcs11Error('KEY_NOT_FOUND', 'no certificate with this id on the token');
    return stdout;
  }

  /** A RawSigner whose every signature logs in with the PIN (the token checks it and counts failures). */
  signer(pin: string, chain: Buffer[], algorithm: KeyAlgorithm): RawSigner {
    const tool = this.ref.tool ?? 'pkcs11-tool';
    const base = this.base();
    const keyId = this.ref.keyId;
    return {
      chain,
      algorithm,
      async sign(data: Buffer): Promise<Buffer> {
        const dir = await mkdtemp(join(tmpdir(), 'dienhong-p11-'));
        const envName = `DIENHONG_PIN_${randomBytes(4).toString('hex')}`;
        try {
          await writeFile(join(dir, 'in'), data, { mode: 0o600 });
          const mech = algorithm === 'rsa' ? ['--mechanism', 'SHA256-RSA-PKCS'] : ['--mechanism', 'ECDSA-SHA256', '--signature-format', 'openssl'];
          await run(tool, [...base, '--login', '--pin', `env:${envName}`, '--sign', ...mech, '--id', keyId, '-i', join(dir, 'in'), '-o', join(dir, 'out')], { ...process.env, [envName]: pin });
          const sig = await readFile(join(dir, 'out'));
          if (sig.length === 0) throw new Pkcs11Error('TOKEN_ERROR', 'the token returned an empty signature');
          return sig;
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    };
  }
}
