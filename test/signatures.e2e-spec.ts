import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '#core';
import { MeetingStatus, type MeetingEntity } from '#meetings';
import { createCa, createIdentity, p12Of, softToken, SOFTHSM_MODULE, type SoftToken, type TestCa } from './factories/pki.factory.js';
import { createBody, createMeeting } from './factories/registry.factory.js';
import { clientAs } from './factories/user.factory.js';
import { pdfText } from './utils/documents.js';
import type { ErrorShape, HttpClient } from './utils/http.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

interface DocView {
  id: string;
  numberText: string;
  number: number;
  status: 'signing' | 'signed';
  sha256: string;
  slots: { key: string; fullName: string; userId: string; signedAt: string | null; keyStore: string | null }[];
}
interface SigReport {
  field: string | null;
  signer: string | null;
  valid: boolean;
  coversWholeDocument: boolean;
  laterChanges: string;
  digestMatches: boolean;
  signatureValid: boolean;
  chainTrusted: boolean;
  signingTime: string | null;
  problems: string[];
}
interface VerifyBody {
  signatures: SigReport[];
  registered: { id: string; matchesCurrent: boolean } | null;
}

const SECRETARY = 'Lê Văn Cường';
const CHAIR = 'Nguyễn Văn An';
const P12_PASSWORD = 'mật-khẩu-p12';

const upload = (name: string, data: Buffer | string, fields: Record<string, string> = {}): FormData => {
  const form = new FormData();
  form.append('file', new Blob([typeof data === 'string' ? Buffer.from(data) : new Uint8Array(data)]), name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
};

/** poppler's pdfsig, the independent verifier: its report per signature. */
function pdfsig(pdf: Buffer, dir: string): { out: string; signatures: string[] } {
  const path = join(dir, `check-${Date.now()}.pdf`);
  writeFileSync(path, pdf);
  const r = spawnSync('pdfsig', ['-nocert', path], { encoding: 'utf8' });
  const out = `${r.stdout}${r.stderr}`;
  return { out, signatures: out.split(/Signature #\d+:/).slice(1) };
}

describe('signed minutes: Decree 30/2020 layout, PAdES signatures with a PKCS#12 file and a PKCS#11 token', () => {
  let t: TestApp;
  let dir: string;
  let ca: TestCa;
  let token: SoftToken;
  let meeting: MeetingEntity;
  let admin: HttpClient;
  let secretary: { user: { id: string }; http: HttpClient };
  let chair: { user: { id: string }; http: HttpClient };
  let doc: DocView;
  // made before the app starts: key files take CPU time, and a long pause between two requests on one keep-alive
  // socket races the server's keep-alive timeout in the test client
  const p12s: Record<'secretary' | 'expired' | 'future' | 'encOnly', Buffer> = {} as Record<'secretary' | 'expired' | 'future' | 'encOnly', Buffer>;
  const url = (path: string): string => `/api/meetings/${meeting.id}${path}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dh-sign-'));
    ca = createCa();
    token = softToken(join(dir, 'hsm'), createIdentity(ca, CHAIR));
    p12s.secretary = p12Of(createIdentity(ca, SECRETARY), ca, P12_PASSWORD);
    p12s.expired = p12Of(createIdentity(ca, `${SECRETARY} expired`, { notBefore: new Date(Date.now() - 400 * 86400_000), notAfter: new Date(Date.now() - 86400_000) }), ca, P12_PASSWORD);
    p12s.future = p12Of(createIdentity(ca, `${SECRETARY} future`, { notBefore: new Date(Date.now() + 86400_000), notAfter: new Date(Date.now() + 400 * 86400_000) }), ca, P12_PASSWORD);
    p12s.encOnly = p12Of(createIdentity(ca, 'Encryption only', { keyUsage: { keyEncipherment: true } }), ca, P12_PASSWORD);
    // the API's pkcs11-tool children find the SoftHSM2 token store through this
    process.env.SOFTHSM2_CONF = token.conf;
    t = await startTestApp({ SIGN_PKCS11_MODULE: SOFTHSM_MODULE });
    const { body, delegates } = await createBody(t.dataSource, 3, { name: 'Ủy ban nhân dân Thành phố Hà Nội' });
    ({ meeting } = await createMeeting(t.dataSource, body.id, delegates, { status: MeetingStatus.Closed, title: 'Phiên họp thường kỳ tháng 12' }, 1));
    admin = (await clientAs(t.dataSource, t.url, Role.Admin)).http;
    secretary = await clientAs(t.dataSource, t.url, Role.Secretary, { displayName: SECRETARY });
    chair = await clientAs(t.dataSource, t.url, Role.Chair, { displayName: CHAIR });
    expect((await secretary.http.post(url('/minutes/draft'))).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    delete process.env.SOFTHSM2_CONF;
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers only locked minutes, then numbers them per body and year with the secretary and chair blocks', async () => {
    const early = await secretary.http.post<ErrorShape>(url('/minutes/document'), { chairUserId: chair.user.id });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('MINUTES_NOT_LOCKED');
    expect((await secretary.http.post(url('/minutes/lock'))).status).toBe(200);
    // locked but not registered: a JSON answer the minutes screen can read (a bare null went out as an empty body)
    const none = await chair.http.get<{ document: DocView | null }>(url('/minutes/document'));
    expect([none.status, none.body]).toEqual([200, { document: null }]);
    const res = await secretary.http.post<DocView>(url('/minutes/document'), { chairUserId: chair.user.id });
    expect(res.status).toBe(200);
    doc = res.body;
    expect((await chair.http.get<{ document: DocView }>(url('/minutes/document'))).body.document.id).toBe(doc.id);
    expect(doc.numberText).toMatch(/^Số: \d{2,}\/BB-UBND$/);
    expect(doc.slots.map((s) => [s.key, s.fullName, s.signedAt])).toEqual([
      ['secretary', SECRETARY, null],
      ['chair', CHAIR, null],
    ]);
    const again = await secretary.http.post<ErrorShape>(url('/minutes/document'), { chairUserId: chair.user.id });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DOCUMENT_ALREADY_ISSUED');
    // the export of registered minutes is the registered file
    const text = await pdfText((await secretary.http.get<Buffer>(url('/exports/minutes.pdf'))).body);
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', doc.numberText, 'BIÊN BẢN', 'THƯ KÝ', 'CHỦ TỌA', SECRETARY, CHAIR, 'Nơi nhận:']) expect(text).toContain(s);
    expect(text).toMatch(/Hà Nội, ngày \d{2} tháng (0[12]|[3-9]|1[012]) năm \d{4}/);
    expect(text).toContain('ỦY BAN NHÂN DÂN');
    expect(text).toContain('THÀNH PHỐ HÀ NỘI');
  });

  it('configures signers: a PKCS#12 file (wrong password refused) and a key on the SoftHSM2 token; the root is trusted', async () => {
    const p12 = p12s.secretary;
    const wrong = await admin.put<ErrorShape>(`/api/signatures/signers/${secretary.user.id}/p12`, upload('secretary.p12', p12, { password: 'nope' }));
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('WRONG_PIN');
    const ok = await admin.put<{ keyStore: string; usable: boolean; subject: string }>(`/api/signatures/signers/${secretary.user.id}/p12`, upload('secretary.p12', p12, { password: P12_PASSWORD }));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ keyStore: 'p12', usable: true });
    const tok = await admin.put<{ keyStore: string; usable: boolean; subject: string }>(`/api/signatures/signers/${chair.user.id}/pkcs11`, { tokenLabel: token.label, keyId: token.keyId, chainPem: ca.pem });
    expect(tok.status).toBe(200);
    expect(tok.body).toMatchObject({ keyStore: 'pkcs11', usable: true });
    expect(tok.body.subject).toContain(CHAIR);
    expect((await admin.post('/api/signatures/trusted-roots', upload('root.pem', ca.pem))).status).toBe(201);
    // the PKCS#12 file is stored encrypted, not as uploaded
    const rows: { p12_encrypted: Buffer }[] = await t.dataSource.query('SELECT p12_encrypted FROM signer_credentials WHERE user_id = $1', [secretary.user.id]);
    expect(rows[0].p12_encrypted.includes(p12.subarray(0, 64))).toBe(false);
  });

  it('refuses a wrong PIN and a block that is not yours, and changes nothing', async () => {
    const wrongPin = await secretary.http.post<ErrorShape>(`/api/documents/${doc.id}/sign`, { slot: 'secretary', pin: 'sai' });
    expect(wrongPin.status).toBe(422);
    expect(wrongPin.body.error.code).toBe('WRONG_PIN');
    const wrongToken = await chair.http.post<ErrorShape>(`/api/documents/${doc.id}/sign`, { slot: 'chair', pin: '000000' });
    expect(wrongToken.status).toBe(422);
    expect(wrongToken.body.error.code).toBe('WRONG_PIN');
    const notYours = await chair.http.post<ErrorShape>(`/api/documents/${doc.id}/sign`, { slot: 'secretary', pin: token.pin });
    expect(notYours.status).toBe(403);
    expect(notYours.body.error.code).toBe('SLOT_NOT_YOURS');
    expect((await secretary.http.get<DocView>(`/api/documents/${doc.id}`)).body.sha256).toBe(doc.sha256);
  });

  it('signs twice (secretary with PKCS#12, then chair with the token); pdfsig finds both valid and covering the document', async () => {
    const first = await secretary.http.post<DocView>(`/api/documents/${doc.id}/sign`, { slot: 'secretary', pin: P12_PASSWORD });
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('signing');
    const afterFirst = (await secretary.http.get<Buffer>(`/api/documents/${doc.id}/file.pdf`)).body;
    const second = await chair.http.post<DocView>(`/api/documents/${doc.id}/sign`, { slot: 'chair', pin: token.pin });
    expect(second.status).toBe(200);
    expect(second.body.status).toBe('signed');
    expect(second.body.slots.map((s) => [s.key, s.keyStore, !!s.signedAt])).toEqual([
      ['secretary', 'p12', true],
      ['chair', 'pkcs11', true],
    ]);
    const signed = (await chair.http.get<Buffer>(`/api/documents/${doc.id}/file.pdf`)).body;
    // incremental update: the first signed revision is a prefix of the final file
    expect(signed.subarray(0, afterFirst.length).equals(afterFirst)).toBe(true);

    const check = pdfsig(signed, dir);
    expect(check.signatures).toHaveLength(2);
    for (const s of check.signatures) expect(s).toContain('Signature Validation: Signature is Valid.');
    expect(check.signatures[0]).toContain('Signature Field Name: secretary');
    expect(check.signatures[0]).toContain(`Common Name: ${SECRETARY}`);
    // the first signature covers its whole revision (the later bytes are the chair's signature), the second the whole file
    const ranges = [...check.out.matchAll(/Signed Ranges: \[0 - (\d+)\], \[(\d+) - (\d+)\]/g)].map((m) => Number(m[3]));
    expect(ranges[0]).toBe(afterFirst.length);
    expect(ranges[1]).toBe(signed.length);
    expect(check.signatures[1]).toContain('Total document signed');
    expect(check.signatures[1]).toContain(`Common Name: ${CHAIR}`);

    const verify = await secretary.http.post<VerifyBody>('/api/signatures/verify', upload('bien-ban.pdf', signed));
    expect(verify.status).toBe(200);
    expect(verify.body.signatures.map((s) => [s.field, s.signer, s.valid, s.coversWholeDocument, s.laterChanges])).toEqual([
      ['secretary', SECRETARY, true, false, 'signatures-only'],
      ['chair', CHAIR, true, true, 'none'],
    ]);
    expect(verify.body.registered).toMatchObject({ id: doc.id, matchesCurrent: true });

    // each signature is in the audit chain: document hash before and after, signer, time
    const audit = await admin.get<{ items: { action: string; payload: Record<string, unknown> }[] }>(`/api/audit?meetingId=${meeting.id}&limit=500`);
    const signedEntries = audit.body.items.filter((e) => e.action === 'document.signed');
    expect(signedEntries.map((e) => [e.payload.slot, e.payload.signer, e.payload.keyStore])).toEqual(expect.arrayContaining([['secretary', SECRETARY, 'p12'], ['chair', CHAIR, 'pkcs11']]));
    expect(signedEntries.find((e) => e.payload.slot === 'chair')?.payload.sha256After).toBe(second.body.sha256);
    expect((await admin.get<{ ok: boolean }>('/api/audit/verify')).body.ok).toBe(true);

    // text of the signed file: motto, number, place and date, title, signer names (in blocks and appearances)
    const text = await pdfText(signed);
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', doc.numberText, 'BIÊN BẢN', SECRETARY, CHAIR]) expect(text).toContain(s);
    // signing does CPU work (PKCS#12 key derivation, RSA, verification) on a machine shared with other jobs
  }, 240_000);

  it('reports one changed byte, in pdfsig and in the verify endpoint', async () => {
    const signed = (await chair.http.get<Buffer>(`/api/documents/${doc.id}/file.pdf`)).body;
    const altered = Buffer.from(signed);
    // one byte of the first page's content stream, inside both signed ranges
    const at = altered.indexOf('stream\n', 0, 'latin1') + 20;
    altered[at] ^= 0x01;
    const check = pdfsig(altered, dir);
    expect(check.out).not.toContain('Signature is Valid.');
    expect(check.out).toMatch(/Digest Mismatch|Signature is Invalid/);
    const verify = await secretary.http.post<VerifyBody>('/api/signatures/verify', upload('bien-ban.pdf', altered));
    expect(verify.body.signatures.every((s) => !s.valid && s.problems.includes('DOCUMENT_MODIFIED'))).toBe(true);
    expect(verify.body.registered).toBeNull();
  });

  it('refuses to sign a stored file altered after locking, and a second signature in a signed block', async () => {
    const twice = await chair.http.post<ErrorShape>(`/api/documents/${doc.id}/sign`, { slot: 'chair', pin: token.pin });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('SLOT_ALREADY_SIGNED');
    // a fresh document whose bytes an administrator edits in the database
    const other = await createOtherMinutes();
    await t.dataSource.query(`UPDATE official_documents SET pdf = pdf || '\\x0a25'::bytea WHERE id = $1`, [other.id]);
    const res = await secretary.http.post<ErrorShape>(`/api/documents/${other.id}/sign`, { slot: 'secretary', pin: P12_PASSWORD });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('DOCUMENT_ALTERED');
    expect((await secretary.http.get<DocView>(`/api/documents/${other.id}`)).body.slots.every((s) => s.signedAt === null)).toBe(true);
    // the stored file only grows: rewriting its start is refused by the database
    await expect(t.dataSource.query(`UPDATE official_documents SET pdf = '\\x00'::bytea || pdf WHERE id = $1`, [doc.id])).rejects.toThrow(/append-only|only grow/);
  });

  async function createOtherMinutes(): Promise<DocView> {
    const { body, delegates } = await createBody(t.dataSource, 2, { name: 'Hội đồng nhân dân Phường Hoàn Kiếm' });
    const m = (await createMeeting(t.dataSource, body.id, delegates, { status: MeetingStatus.Closed, title: 'Kỳ họp thứ nhất' }, 1)).meeting;
    await secretary.http.post(`/api/meetings/${m.id}/minutes/draft`);
    await secretary.http.post(`/api/meetings/${m.id}/minutes/lock`);
    const res = await secretary.http.post<DocView>(`/api/meetings/${m.id}/minutes/document`, { chairUserId: chair.user.id });
    expect(res.status).toBe(200);
    // numbers run per body and year: this body's first document is 01, with the council's symbol
    expect(res.body.numberText).toBe('Số: 01/BB-HĐND');
    return res.body;
  }

  it('refuses expired, not-yet-valid and non-signing certificates, and a removed token, with clear codes', async () => {
    const other = await createOtherMinutesForBadKeys();
    const cases: [Buffer, string][] = [
      [p12s.expired, 'CERTIFICATE_EXPIRED'],
      [p12s.future, 'CERTIFICATE_NOT_YET_VALID'],
    ];
    for (const [p12, code] of cases) {
      expect((await admin.put(`/api/signatures/signers/${secretary.user.id}/p12`, upload('k.p12', p12, { password: P12_PASSWORD }))).status).toBe(200);
      const res = await secretary.http.post<ErrorShape>(`/api/documents/${other.id}/sign`, { slot: 'secretary', pin: P12_PASSWORD });
      expect([res.status, res.body.error.code]).toEqual([422, code]);
    }
    // keyUsage without digitalSignature/nonRepudiation is refused when uploaded
    const ku = await admin.put<ErrorShape>(`/api/signatures/signers/${secretary.user.id}/p12`, upload('k.p12', p12s.encOnly, { password: P12_PASSWORD }));
    expect([ku.status, ku.body.error.code]).toEqual([422, 'CERTIFICATE_KEY_USAGE']);
    // the token is pulled out: its slot disappears from the PKCS#11 module
    for (const d of readdirSync(join(token.dir, 'tokens'))) rmSync(join(token.dir, 'tokens', d), { recursive: true, force: true });
    const removed = await chair.http.post<ErrorShape>(`/api/documents/${other.id}/sign`, { slot: 'chair', pin: token.pin });
    expect([removed.status, removed.body.error.code]).toEqual([409, 'TOKEN_NOT_PRESENT']);
    const after = (await secretary.http.get<DocView>(`/api/documents/${other.id}`)).body;
    expect(after.sha256).toBe(other.sha256);
    expect(after.slots.every((s) => s.signedAt === null)).toBe(true);
  });

  async function createOtherMinutesForBadKeys(): Promise<DocView> {
    const { body, delegates } = await createBody(t.dataSource, 2, { name: 'Ủy ban nhân dân Xã Sóc Sơn' });
    const m = (await createMeeting(t.dataSource, body.id, delegates, { status: MeetingStatus.Closed, title: 'Phiên họp chuyên đề' }, 1)).meeting;
    await secretary.http.post(`/api/meetings/${m.id}/minutes/draft`);
    await secretary.http.post(`/api/meetings/${m.id}/minutes/lock`);
    return (await secretary.http.post<DocView>(`/api/meetings/${m.id}/minutes/document`, { chairUserId: chair.user.id })).body;
  }
});
