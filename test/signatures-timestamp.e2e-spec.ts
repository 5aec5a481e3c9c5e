import { execFile, spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { Role } from '#core';
import { MeetingStatus } from '#meetings';
import { createCa, createIdentity, p12Of, type TestCa } from './factories/pki.factory.js';
import { createBody, createMeeting } from './factories/registry.factory.js';
import { clientAs } from './factories/user.factory.js';
import type { ErrorShape, HttpClient } from './utils/http.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

const run = promisify(execFile);
const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;

interface DocView {
  id: string;
  status: 'signing' | 'signed';
  sha256: string;
  slots: { key: string; signedAt: string | null }[];
}
interface SigReport {
  field: string | null;
  signer: string | null;
  valid: boolean;
  signingTime: string | null;
  timestampTime: string | null;
  timestamp: { time: string; tsa: string | null; policy: string; imprintMatches: boolean; signatureValid: boolean; trusted: boolean } | null;
  problems: string[];
}

const SECRETARY = 'Lê Văn Cường';
const CHAIR = 'Nguyễn Văn An';
const PASSWORD = 'mật-khẩu-p12';
const TSA_NAME = 'Diên Hồng Test TSA';
const POLICY = '1.3.6.1.4.1.99999.1.1';
const TST_OID = '1.2.840.113549.1.9.16.2.14';

/** What the TSA does with the next query: a real reply, a real rejection, HTTP 500, junk, or a token for other data. */
type TsaMode = 'ok' | 'reject' | 'http500' | 'junk' | 'other-data';

const children = (a: Asn1 | undefined): Asn1[] => (a && Array.isArray(a.value) ? a.value : []);
const bytes = (a: Asn1 | undefined): Buffer => Buffer.from(a && typeof a.value === 'string' ? a.value : '', 'binary');
const oidOf = (a: Asn1 | undefined): string => (a && typeof a.value === 'string' ? asn1.derToOid(forge.util.createBuffer(a.value)) : '');
const der = (a: Asn1): Buffer => Buffer.from(asn1.toDer(a).getBytes(), 'binary');
// the /Contents hole is zero-padded after the CMS: parse the first DER value only
type FromDer = (b: forge.util.ByteStringBuffer, o: { parseAllBytes: boolean; decodeBitStrings: boolean }) => Asn1;
const parse = (b: Buffer): Asn1 => (asn1.fromDer as unknown as FromDer)(forge.util.createBuffer(b.toString('binary')), { parseAllBytes: false, decodeBitStrings: false });

/** Each signature of the PDF, read independently of the app: the signature value and the timestamp token, if any. */
function signaturesOf(pdf: Buffer): { value: Buffer; token: Buffer | null }[] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/ByteRange \[0 (\d+)\s+(\d+)\s+\d+\s*\]/g)].map((m) => {
    const cms = parse(Buffer.from(text.slice(Number(m[1]) + 1, Number(m[2]) - 1), 'hex'));
    const sd = children(children(children(cms)[1])[0]);
    const signerInfo = children(children(sd[sd.length - 1])[0]);
    const unsigned = signerInfo.find((x) => x.tagClass === asn1.Class.CONTEXT_SPECIFIC && x.type === 1);
    const value = bytes(signerInfo.find((x, i) => i > 3 && x.tagClass === asn1.Class.UNIVERSAL && x.type === asn1.Type.OCTETSTRING));
    const attr = children(unsigned).find((a) => oidOf(children(a)[0]) === TST_OID);
    return { value, token: attr ? der(children(children(attr)[1])[0]) : null };
  });
}

/** messageImprint, nonce and genTime of a token's TSTInfo (RFC 3161, 2.4.2). */
function tstInfo(token: Buffer): { hashAlg: string; imprint: Buffer; policy: string; genTime: Date } {
  const sd = children(children(children(parse(token))[1])[0]);
  const eci = children(sd[2]);
  expect(oidOf(eci[0])).toBe('1.2.840.113549.1.9.16.1.4');
  const tst = children(parse(bytes(children(eci[1])[0])));
  const [alg, imprint] = children(tst[2]);
  const gen = tst.find((x) => x.type === asn1.Type.GENERALIZEDTIME);
  return { hashAlg: oidOf(children(alg)[0]), imprint: bytes(imprint), policy: oidOf(tst[1]), genTime: asn1.generalizedTimeToDate(String(gen?.value)) };
}

/** A TSA certificate as RFC 3161, 2.3 wants it: the only extended key usage is timeStamping, marked critical. */
function tsaIdentity(ca: TestCa): { keyPem: string; certPem: string } {
  // node makes the key (fast), forge writes the certificate
  const keyPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const privateKey = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e);
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 86400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86400_000);
  cert.setSubject([{ shortName: 'CN', value: TSA_NAME, valueTagClass: asn1.Type.UTF8 as unknown as forge.asn1.Class }]);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true },
    { name: 'extKeyUsage', critical: true, timeStamping: true },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return { keyPem, certPem: forge.pki.certificateToPem(cert) };
}

/** OpenSSL's TSA configuration: one section that stamps SHA-256 queries, one that only accepts SHA-512 (so refuses ours). */
function tsaConfig(dir: string): string {
  const section = (name: string, digests: string): string =>
    [
      `[${name}]`,
      `serial = ${join(dir, 'serial')}`,
      'crypto_device = builtin',
      `signer_cert = ${join(dir, 'tsa.pem')}`,
      `certs = ${join(dir, 'tsa-ca.pem')}`,
      `signer_key = ${join(dir, 'tsa.key')}`,
      'signer_digest = sha256',
      `default_policy = ${POLICY}`,
      `digests = ${digests}`,
      'accuracy = secs:1',
      'ordering = yes',
      'tsa_name = yes',
      'ess_cert_id_chain = no',
      'ess_cert_id_alg = sha256',
    ].join('\n');
  return ['[tsa]', 'default_tsa = tsa_sha256', '', section('tsa_sha256', 'sha256, sha384, sha512'), '', section('tsa_sha512_only', 'sha512'), ''].join('\n');
}

describe('RFC 3161 timestamps on PAdES signatures, from OpenSSL as a real time-stamping authority', () => {
  let t: TestApp;
  let dir: string;
  let ca: TestCa;
  let tsaCa: TestCa;
  let tsa: Server;
  let tsaMode: TsaMode = 'ok';
  const queries: Buffer[] = [];
  let admin: HttpClient;
  let secretary: { user: { id: string }; http: HttpClient };
  let chair: { user: { id: string }; http: HttpClient };
  const p12s = {} as Record<'secretary' | 'chair', Buffer>;

  /** The TSA over HTTP: each query goes to `openssl ts -reply`, whose bytes are the answer. */
  async function answer(query: Buffer): Promise<{ status: number; type: string; body: Buffer }> {
    const id = randomBytes(6).toString('hex');
    const q = join(dir, `${id}.tsq`);
    const r = join(dir, `${id}.tsr`);
    const cfg = join(dir, 'tsa.cnf');
    writeFileSync(q, query);
    if (tsaMode === 'http500') return { status: 500, type: 'text/plain', body: Buffer.from('TSA down for maintenance') };
    if (tsaMode === 'junk') return { status: 200, type: 'application/timestamp-reply', body: Buffer.from('<html>not a timestamp</html>') };
    if (tsaMode === 'other-data') {
      // a token honestly made, but for a query over other bytes: what a misrouted or replayed answer looks like
      writeFileSync(join(dir, `${id}.other`), randomBytes(32));
      await run('openssl', ['ts', '-query', '-data', join(dir, `${id}.other`), '-sha256', '-cert', '-out', q]);
    }
    const section = tsaMode === 'reject' ? ['-section', 'tsa_sha512_only'] : [];
    await run('openssl', ['ts', '-reply', '-config', cfg, ...section, '-queryfile', q, '-out', r]);
    return { status: 200, type: 'application/timestamp-reply', body: readFileSync(r) };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dh-tsa-'));
    ca = createCa();
    tsaCa = createCa('Diên Hồng Test TSA Root');
    const tsaId = tsaIdentity(tsaCa);
    writeFileSync(join(dir, 'tsa.key'), tsaId.keyPem);
    writeFileSync(join(dir, 'tsa.pem'), tsaId.certPem);
    writeFileSync(join(dir, 'tsa-ca.pem'), tsaCa.pem);
    writeFileSync(join(dir, 'serial'), '01\n');
    writeFileSync(join(dir, 'tsa.cnf'), tsaConfig(dir));
    p12s.secretary = p12Of(createIdentity(ca, SECRETARY), ca, PASSWORD);
    p12s.chair = p12Of(createIdentity(ca, CHAIR), ca, PASSWORD);

    tsa = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const query = Buffer.concat(chunks);
        if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
          res.writeHead(415).end();
          return;
        }
        queries.push(query);
        answer(query).then(
          (a) => res.writeHead(a.status, { 'content-type': a.type }).end(a.body),
          (err: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err)),
        );
      });
    });
    await new Promise<void>((resolve) => tsa.listen(0, '127.0.0.1', resolve));
    const port = (tsa.address() as AddressInfo).port;
    t = await startTestApp({ SIGN_TSA_URL: `http://127.0.0.1:${port}/tsa` });
    admin = (await clientAs(t.dataSource, t.url, Role.Admin)).http;
    secretary = await clientAs(t.dataSource, t.url, Role.Secretary, { displayName: SECRETARY });
    chair = await clientAs(t.dataSource, t.url, Role.Chair, { displayName: CHAIR });
    for (const [who, p12] of [[secretary, p12s.secretary], [chair, p12s.chair]] as const) {
      const res = await admin.put(`/api/signatures/signers/${who.user.id}/p12`, upload('k.p12', p12, { password: PASSWORD }));
      expect(res.status).toBe(200);
    }
    expect((await admin.post('/api/signatures/trusted-roots', upload('root.pem', ca.pem))).status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => (tsa ? tsa.close(() => resolve()) : resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = (name: string, data: Buffer | string, fields: Record<string, string> = {}): FormData => {
    const form = new FormData();
    form.append('file', new Blob([typeof data === 'string' ? Buffer.from(data) : new Uint8Array(data)]), name);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return form;
  };

  /** Locked, registered minutes of a fresh meeting, with the secretary and chair blocks. */
  async function registeredMinutes(bodyName: string): Promise<DocView> {
    const { body, delegates } = await createBody(t.dataSource, 2, { name: bodyName });
    const m = (await createMeeting(t.dataSource, body.id, delegates, { status: MeetingStatus.Closed, title: 'Phiên họp thường kỳ' }, 1)).meeting;
    expect((await secretary.http.post(`/api/meetings/${m.id}/minutes/draft`)).status).toBe(200);
    expect((await secretary.http.post(`/api/meetings/${m.id}/minutes/lock`)).status).toBe(200);
    const res = await secretary.http.post<DocView>(`/api/meetings/${m.id}/minutes/document`, { chairUserId: chair.user.id });
    expect(res.status).toBe(200);
    return res.body;
  }

  it('stamps each signature through the TSA: one query each, a token over the signature value that OpenSSL verifies, pdfsig still valid', async () => {
    const doc = await registeredMinutes('Ủy ban nhân dân Thành phố Hà Nội');
    const before = Date.now();
    const first = await secretary.http.post<DocView>(`/api/documents/${doc.id}/sign`, { slot: 'secretary', pin: PASSWORD });
    expect(first.status).toBe(200);
    expect(queries).toHaveLength(1);
    const second = await chair.http.post<DocView>(`/api/documents/${doc.id}/sign`, { slot: 'chair', pin: PASSWORD });
    expect([second.status, second.body.status]).toEqual([200, 'signed']);
    // exactly one query per signature: no retries, no stamping of the document itself
    expect(queries).toHaveLength(2);
    const signed = (await chair.http.get<Buffer>(`/api/documents/${doc.id}/file.pdf`)).body;

    const sigs = signaturesOf(signed);
    expect(sigs).toHaveLength(2);
    for (const [i, s] of sigs.entries()) {
      expect(s.token).not.toBeNull();
      const token = s.token as Buffer;
      const info = tstInfo(token);
      // the token stamps the SHA-256 of this signature's value (RFC 3161 appendix A, as PAdES requires)
      expect(info.hashAlg).toBe('2.16.840.1.101.3.4.2.1');
      expect(info.imprint.equals(createHash('sha256').update(s.value).digest())).toBe(true);
      expect(info.policy).toBe(POLICY);
      expect(info.genTime.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
      expect(info.genTime.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
      // the query the TSA received asked for exactly that imprint
      const q = children(children(parse(queries[i]))[1]);
      expect(bytes(q[1]).equals(info.imprint)).toBe(true);
      // OpenSSL checks the TSA's signature, its certificate chain to the TSA root and the imprint of the data
      writeFileSync(join(dir, `sig${i}.bin`), s.value);
      writeFileSync(join(dir, `token${i}.der`), token);
      const v = spawnSync('openssl', ['ts', '-verify', '-data', join(dir, `sig${i}.bin`), '-in', join(dir, `token${i}.der`), '-token_in', '-CAfile', join(dir, 'tsa-ca.pem')], { encoding: 'utf8' });
      expect(`${v.stdout}${v.stderr}`).toContain('Verification: OK');
      // and refuses the token for other data
      writeFileSync(join(dir, `wrong${i}.bin`), Buffer.concat([s.value, Buffer.from([0])]));
      const w = spawnSync('openssl', ['ts', '-verify', '-data', join(dir, `wrong${i}.bin`), '-in', join(dir, `token${i}.der`), '-token_in', '-CAfile', join(dir, 'tsa-ca.pem')], { encoding: 'utf8' });
      expect(`${w.stdout}${w.stderr}`).toMatch(/message imprint mismatch/);
    }

    // poppler's pdfsig, an independent verifier: the unsigned attribute leaves both signatures valid
    writeFileSync(join(dir, 'signed.pdf'), signed);
    const check = spawnSync('pdfsig', ['-nocert', join(dir, 'signed.pdf')], { encoding: 'utf8' });
    const out = `${check.stdout}${check.stderr}`;
    const reports = out.split(/Signature #\d+:/).slice(1);
    expect(reports).toHaveLength(2);
    for (const r of reports) expect(r).toContain('Signature Validation: Signature is Valid.');
    // poppler 22.12 shows the signed signing-time attribute, not the token's time: the app's verifier reports that
    expect(reports.every((r) => /Signing Time: \w{3} \d{2} \d{4}/.test(r))).toBe(true);

    // the app's own verifier: the TSA's time and name, the token checked; the TSA root not trusted yet
    const untrusted = await secretary.http.post<{ signatures: SigReport[] }>('/api/signatures/verify', upload('bb.pdf', signed));
    expect(untrusted.status).toBe(200);
    for (const [i, s] of untrusted.body.signatures.entries()) {
      const info = tstInfo(sigs[i].token as Buffer);
      expect(s.valid).toBe(true);
      expect(s.timestamp).toEqual({ time: info.genTime.toISOString(), tsa: TSA_NAME, policy: POLICY, imprintMatches: true, signatureValid: true, trusted: false });
      expect(s.timestampTime).toBe(info.genTime.toISOString());
    }
    expect((await admin.post('/api/signatures/trusted-roots', upload('tsa-root.pem', tsaCa.pem))).status).toBe(201);
    const trusted = await secretary.http.post<{ signatures: SigReport[] }>('/api/signatures/verify', upload('bb.pdf', signed));
    expect(trusted.body.signatures.map((s) => [s.field, s.signer, s.valid, s.timestamp?.tsa, s.timestamp?.trusted])).toEqual([
      ['secretary', SECRETARY, true, TSA_NAME, true],
      ['chair', CHAIR, true, TSA_NAME, true],
    ]);

    // a token moved onto the other signature no longer matches its imprint: reported, and the signature is not valid
    const swapped = Buffer.from(signed);
    const hexA = (sigs[0].token as Buffer).toString('hex');
    const hexB = (sigs[1].token as Buffer).toString('hex');
    const text = swapped.toString('latin1');
    const at = text.lastIndexOf(hexB);
    expect(hexA.length).toBe(hexB.length);
    swapped.write(hexA, at, 'latin1');
    const bad = await secretary.http.post<{ signatures: SigReport[] }>('/api/signatures/verify', upload('bb.pdf', swapped));
    const last = bad.body.signatures[1];
    expect([last.valid, last.timestamp?.imprintMatches, last.problems]).toEqual([false, false, ['TIMESTAMP_INVALID']]);
  }, 240_000);

  it('fails with TIMESTAMP_FAILED and changes nothing when the TSA refuses, answers 500 or junk, stamps other data, or is down', async () => {
    const doc = await registeredMinutes('Hội đồng nhân dân Phường Hoàn Kiếm');
    const cases: [TsaMode, RegExp][] = [
      ['reject', /refused \(status 2\)/],
      ['http500', /HTTP 500/],
      ['junk', /not a timestamp response/],
      ['other-data', /other data/],
    ];
    for (const [mode, message] of cases) {
      tsaMode = mode;
      const n = queries.length;
      const res = await secretary.http.post<ErrorShape>(`/api/documents/${doc.id}/sign`, { slot: 'secretary', pin: PASSWORD });
      expect([mode, res.status, res.body.error.code]).toEqual([mode, 502, 'TIMESTAMP_FAILED']);
      expect(res.body.error.message).toMatch(message);
      expect(queries.length).toBe(n + 1);
    }
    // the TSA goes away: nothing listens on its port any more
    await new Promise<void>((resolve) => tsa.close(() => resolve()));
    const down = await secretary.http.post<ErrorShape>(`/api/documents/${doc.id}/sign`, { slot: 'secretary', pin: PASSWORD });
    expect([down.status, down.body.error.code]).toEqual([502, 'TIMESTAMP_FAILED']);
    expect(down.body.error.message).toMatch(/unreachable/);
    // the document is as registered: same bytes, both blocks empty, no signature in the file
    const after = (await secretary.http.get<DocView>(`/api/documents/${doc.id}`)).body;
    expect(after.sha256).toBe(doc.sha256);
    expect(after.slots.every((s) => s.signedAt === null)).toBe(true);
    const file = (await secretary.http.get<Buffer>(`/api/documents/${doc.id}/file.pdf`)).body;
    expect(file.includes('/ByteRange')).toBe(false);
  }, 120_000);
});
