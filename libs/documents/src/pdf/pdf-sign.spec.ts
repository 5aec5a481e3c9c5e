import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { OfficialPdf } from '../layout/official-pdf.js';
import { p12Signer } from '../signing/p12-signer.js';
import { signPdf } from './pdf-sign.js';
import { verifyPdf } from './pdf-verify.js';

/** A self-signed signing certificate for a node key (digitalSignature + nonRepudiation). */
function identity(cn: string): { key: ReturnType<typeof generateKeyPairSync>['privateKey']; der: Buffer } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const fk = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(fk.n, fk.e);
  cert.serialNumber = '0123';
  cert.validity.notBefore = new Date(Date.now() - 86400_000);
  cert.validity.notAfter = new Date(Date.now() + 86400_000);
  const attrs = [{ shortName: 'CN', value: cn, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([{ name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true }]);
  cert.sign(fk, forge.md.sha256.create());
  return { key: privateKey, der: Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary') };
}

describe('PAdES signatures by incremental update', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dh-pades-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('signs twice; pdfsig and verifyPdf find both valid, the last covering the file; one changed byte is reported', async () => {
    const doc = await OfficialPdf.create('Biên bản');
    doc.header({ body: 'Ủy ban nhân dân Thành phố Hà Nội', number: { number: 3, symbol: 'BB-UBND' }, place: 'Hà Nội', date: new Date('2026-12-02T03:00:00Z') });
    doc.title('Biên bản', 'Phiên họp thường kỳ');
    doc.paragraph('Nội dung biên bản.');
    doc.closing([
      { key: 'secretary', position: ['THƯ KÝ'], fullName: 'Lê Văn Cường' },
      { key: 'chair', position: ['CHỦ TỌA'], fullName: 'Nguyễn Văn An' },
    ]);
    const { pdf, slots } = await doc.finish();
    const a = identity('Lê Văn Cường');
    const b = identity('Nguyễn Văn An');
    const req = (i: number, name: string) => ({ fieldName: slots[i].key, page: slots[i].page, rect: slots[i].rect, appearance: [`Ký số bởi: ${name}`], signerName: name, signingTime: new Date() });
    const one = await signPdf(pdf, req(0, 'Lê Văn Cường'), p12Signer({ key: a.key, chain: [a.der] }));
    const two = await signPdf(one, req(1, 'Nguyễn Văn An'), p12Signer({ key: b.key, chain: [b.der] }));
    expect(two.subarray(0, one.length).equals(one)).toBe(true);

    writeFileSync(join(dir, 'two.pdf'), two);
    const out = spawnSync('pdfsig', ['-nocert', join(dir, 'two.pdf')], { encoding: 'utf8' }).stdout;
    expect(out.match(/Signature is Valid\./g)).toHaveLength(2);
    expect(out).toContain('Total document signed');

    const roots = [new X509Certificate(a.der), new X509Certificate(b.der)];
    const report = verifyPdf(two, roots);
    expect(report.signatures.map((s) => [s.field, s.signer, s.valid, s.coversWholeDocument, s.laterChanges])).toEqual([
      ['secretary', 'Lê Văn Cường', true, false, 'signatures-only'],
      ['chair', 'Nguyễn Văn An', true, true, 'none'],
    ]);

    const bad = Buffer.from(two);
    bad[bad.indexOf('stream\n', 0, 'latin1') + 20] ^= 1;
    expect(verifyPdf(bad, roots).signatures.every((s) => !s.valid && s.problems.includes('DOCUMENT_MODIFIED'))).toBe(true);
    writeFileSync(join(dir, 'bad.pdf'), bad);
    expect(spawnSync('pdfsig', ['-nocert', join(dir, 'bad.pdf')], { encoding: 'utf8' }).stdout).not.toContain('Signature is Valid.');
  });
});
