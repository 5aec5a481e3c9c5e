import { Role } from '#core';
import { jest } from '@jest/globals';
import { BodiesService, BodyMemberEntity, DelegateEntity, DelegatesService } from '#delegates';
import { createBody, createDelegate } from './factories/registry.factory.js';
import { csv, readXlsx, upload, xlsx } from './factories/delegate-files.factory.js';
import { clientAs } from './factories/user.factory.js';
import { HttpClient, type ErrorShape } from './utils/http.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

interface Delegate {
  id: string;
  fullName: string;
  title: string | null;
  organization: string | null;
  email: string | null;
  phone: string | null;
  hasVotingRight: boolean;
  active: boolean;
}
interface Page {
  items: Delegate[];
  total: number;
}
interface Body {
  id: string;
  name: string;
  description: string | null;
  allowProxyVoting: boolean;
  memberCount: number;
  members?: { delegateId: string; fullName: string; position: string | null; active: boolean }[];
}
interface ImportResult {
  imported: number;
  skipped: number;
  errors: { line: number; column: string | null; reason: string }[];
  ids: string[];
}
type ImportError = ErrorShape & { error: { details: { errors: ImportResult['errors'] } } };

const HANG = 'Nguyễn Thị Thúy Hằng';
const HEADER_VI = ['Họ và tên', 'Chức vụ', 'Đơn vị', 'Email', 'Điện thoại', 'Quyền biểu quyết'];
const IMPORT_MAX_BYTES = 64 * 1024;

describe('delegate registry', () => {
  let t: TestApp;
  let admin: HttpClient;
  let secretary: HttpClient;
  let chair: HttpClient;
  let delegate: HttpClient;
  let observer: HttpClient;
  const count = (): Promise<number> => t.dataSource.getRepository(DelegateEntity).count();
  const tag = (): string => Math.random().toString(36).slice(2, 8);

  beforeAll(async () => {
    t = await startTestApp({ IMPORT_MAX_BYTES: String(IMPORT_MAX_BYTES) });
    admin = (await clientAs(t.dataSource, t.url, Role.Admin)).http;
    secretary = (await clientAs(t.dataSource, t.url, Role.Secretary)).http;
    chair = (await clientAs(t.dataSource, t.url, Role.Chair)).http;
    delegate = (await clientAs(t.dataSource, t.url, Role.Delegate)).http;
    observer = (await clientAs(t.dataSource, t.url, Role.Observer)).http;
  });
  afterAll(async () => {
    await t.close();
  });

  describe('delegates CRUD', () => {
    it('creates a delegate with NFC name, lower-cased e-mail and compact phone, then reads, edits, deactivates and reactivates', async () => {
      const created = await admin.post<Delegate>('/api/delegates', {
        fullName: `  ${HANG.normalize('NFD')} `,
        title: 'Chánh Thanh tra Thành phố',
        organization: 'Thanh tra Thành phố',
        email: 'Hang.NTT@HaNoi.gov.vn',
        phone: '091 234 5678',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ fullName: HANG, email: 'hang.ntt@hanoi.gov.vn', phone: '0912345678', hasVotingRight: true, active: true });
      const row = await t.dataSource.getRepository(DelegateEntity).findOneByOrFail({ id: created.body.id });
      expect(row.fullName).toBe(HANG.normalize('NFC'));

      const got = await secretary.get<Delegate>(`/api/delegates/${created.body.id}`);
      expect(got.status).toBe(200);
      expect(got.body.fullName).toBe(HANG);

      const patched = await admin.patch<Delegate>(`/api/delegates/${created.body.id}`, { title: null, phone: '+84 912 345 678', hasVotingRight: false });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ title: null, phone: '+84912345678', hasVotingRight: false, fullName: HANG });

      const off = await admin.post<Delegate>(`/api/delegates/${created.body.id}/deactivate`);
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      expect(await t.dataSource.getRepository(DelegateEntity).findOneByOrFail({ id: created.body.id })).toMatchObject({ active: false });
      const inactive = await chair.get<Page>(`/api/delegates?active=false&q=${encodeURIComponent('thuy hang')}`);
      expect(inactive.body.items.map((d) => d.id)).toContain(created.body.id);
      const on = await admin.post<Delegate>(`/api/delegates/${created.body.id}/reactivate`);
      expect(on.body.active).toBe(true);
    });

    it('answers 409 DUPLICATE for an e-mail in another case, on create, edit and a concurrent race', async () => {
      const email = `dup.${tag()}@hanoi.gov.vn`;
      const first = await admin.post<Delegate>('/api/delegates', { fullName: 'Trần Văn Một', email });
      expect(first.status).toBe(201);
      const again = await admin.post<ErrorShape>('/api/delegates', { fullName: 'Trần Văn Hai', email: email.toUpperCase() });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'DUPLICATE', details: { field: 'email' } });

      const other = await admin.post<Delegate>('/api/delegates', { fullName: 'Trần Văn Ba' });
      const steal = await admin.patch<ErrorShape>(`/api/delegates/${other.body.id}`, { email });
      expect(steal.status).toBe(409);
      expect(steal.body.error.code).toBe('DUPLICATE');
      expect(await t.dataSource.getRepository(DelegateEntity).findOneByOrFail({ id: other.body.id })).toMatchObject({ email: null });

      const raced = `race.${tag()}@hanoi.gov.vn`;
      const results = await Promise.all(Array.from({ length: 4 }, (_, i) => admin.post<ErrorShape>('/api/delegates', { fullName: `Đua ${i}`, email: raced })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('DUPLICATE');
      expect(await t.dataSource.getRepository(DelegateEntity).createQueryBuilder('d').where('lower(d.email) = :raced', { raced }).getCount()).toBe(1);
    });

    it('maps the unique index to 409 DUPLICATE when the pre-check loses a race', async () => {
      const email = `lost.race.${tag()}@hanoi.gov.vn`;
      await createDelegate(t.dataSource, { email });
      const service = t.app.get(DelegatesService);
      // simulate the other transaction committing between the check and the insert
      const skip = jest.spyOn(service as unknown as { assertEmailFree(): Promise<void> }, 'assertEmailFree').mockResolvedValue(undefined);
      try {
        const res = await admin.post<ErrorShape>('/api/delegates', { fullName: 'Hoàng Văn Chậm', email: email.toUpperCase() });
        expect([res.status, res.body.error.code]).toEqual([409, 'DUPLICATE']);
        expect(res.body.error.details).toMatchObject({ field: 'email' });
      } finally {
        skip.mockRestore();
      }
    });

    it('searches by name, organization and e-mail ignoring case and diacritics, with filters and paging', async () => {
      const org = `Sở Tài nguyên Môi trường ${tag()}`;
      const { body } = await createBody(t.dataSource, 0);
      const a = await createDelegate(t.dataSource, { fullName: 'Đỗ Ngọc Ánh', organization: org, email: `anh.${tag()}@hanoi.gov.vn` });
      const b = await createDelegate(t.dataSource, { fullName: 'Đặng Thu Trang', organization: org, email: `trang.${tag()}@hanoi.gov.vn` });
      const c = await createDelegate(t.dataSource, { fullName: 'Bùi Văn Thắng', organization: org, active: false });
      await t.dataSource.getRepository(BodyMemberEntity).save({ bodyId: body.id, delegateId: b.id, position: 'Ủy viên' });

      const search = async (q: string, extra = ''): Promise<string[]> => {
        const res = await admin.get<Page>(`/api/delegates?q=${encodeURIComponent(q)}${extra}`);
        expect(res.status).toBe(200);
        return res.body.items.map((d) => d.id);
      };
      expect(await search('do ngoc anh')).toEqual([a.id]);
      expect(await search('ĐỖ NGỌC')).toEqual([a.id]);
      expect(await search('ngoc')).toContain(a.id);
      expect((await search(org.toUpperCase())).sort()).toEqual([a.id, b.id, c.id].sort());
      expect((await search('so tai nguyen moi truong', '&active=true')).filter((id) => [a.id, b.id, c.id].includes(id)).sort()).toEqual([a.id, b.id].sort());
      expect(await search(b.email!.toUpperCase())).toEqual([b.id]);
      expect(await search('%')).toEqual([]);
      expect(await search('', `&bodyId=${body.id}`)).toEqual([b.id]);

      const page1 = await admin.get<Page>(`/api/delegates?q=${encodeURIComponent(org)}&limit=2&offset=0`);
      const page2 = await admin.get<Page>(`/api/delegates?q=${encodeURIComponent(org)}&limit=2&offset=2`);
      expect(page1.body.total).toBe(3);
      expect(page1.body.items).toHaveLength(2);
      expect(page2.body.items).toHaveLength(1);
      // the Vietnamese list order: by given name (Ánh, Thắng, Trang), then the family name
      expect(page1.body.items.map((d) => d.fullName)).toEqual(['Đỗ Ngọc Ánh', 'Bùi Văn Thắng']);
      expect(page2.body.items.map((d) => d.fullName)).toEqual(['Đặng Thu Trang']);
    });

    it('refuses bad input with 4xx and the error shape, and writes nothing', async () => {
      const before = await count();
      const cases: [unknown, string][] = [
        [{}, 'fullName'],
        [{ fullName: 42 }, 'fullName'],
        [{ fullName: '   ' }, 'fullName'],
        [{ fullName: 'ệ'.repeat(201) }, 'fullName'],
        [{ fullName: 'An', email: 'not-an-email' }, 'email'],
        [{ fullName: 'An', email: `${'a'.repeat(250)}@x.vn` }, 'email'],
        [{ fullName: 'An', phone: '12345' }, 'phone'],
        [{ fullName: 'An', phone: ['0912345678'] }, 'phone'],
        [{ fullName: 'An', title: 'x'.repeat(201) }, 'title'],
        [{ fullName: 'An', organization: { a: 1 } }, 'organization'],
        [{ fullName: 'An', hasVotingRight: 'yes' }, 'hasVotingRight'],
        [{ fullName: 'An', active: false }, 'active'],
      ];
      for (const [payload, field] of cases) {
        const res = await admin.post<ErrorShape>('/api/delegates', payload);
        expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
        expect(JSON.stringify(res.body.error.details)).toContain(field);
      }
      const notJson = await admin.post<ErrorShape>('/api/delegates', '{"fullName":', { 'content-type': 'application/json' });
      expect(notJson.status).toBe(400);
      expect(await count()).toBe(before);

      const someone = await createDelegate(t.dataSource);
      expect((await admin.patch<ErrorShape>(`/api/delegates/${someone.id}`, { fullName: null })).status).toBe(400);
      expect((await admin.patch<ErrorShape>(`/api/delegates/${someone.id}`, { fullName: '' })).status).toBe(400);
      expect((await admin.patch<ErrorShape>(`/api/delegates/${someone.id}`, { id: someone.id })).status).toBe(400);
      const badId = await admin.get<ErrorShape>('/api/delegates/not-a-uuid');
      expect([badId.status, badId.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      const missing = await admin.get<ErrorShape>('/api/delegates/00000000-0000-4000-8000-000000000099');
      expect([missing.status, missing.body.error.code]).toEqual([404, 'NOT_FOUND']);
      expect((await admin.post<ErrorShape>('/api/delegates/00000000-0000-4000-8000-000000000099/deactivate')).status).toBe(404);
      expect((await admin.patch<ErrorShape>('/api/delegates/00000000-0000-4000-8000-000000000099', { title: 'x' })).status).toBe(404);
      for (const q of ['limit=0', 'limit=501', 'limit=abc', 'limit=1.5', 'offset=-1', 'active=maybe', 'bodyId=xyz', `q=${'a'.repeat(201)}`, 'limit=1&limit=2', 'unknown=1']) {
        const res = await admin.get<ErrorShape>(`/api/delegates?${q}`);
        expect([q, res.status, res.body.error.code]).toEqual([q, 400, 'VALIDATION_FAILED']);
      }
    });
  });

  describe('bodies', () => {
    it('creates a body, adds and removes members with positions, counts active members', async () => {
      const name = `Ủy ban nhân dân quận Hoàn Kiếm ${tag()}`;
      const created = await admin.post<Body>('/api/bodies', { name: ` ${name.normalize('NFD')} `, description: 'Tập thể UBND quận', allowProxyVoting: true });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name, allowProxyVoting: true, memberCount: 0, members: [] });
      const dup = await admin.post<ErrorShape>('/api/bodies', { name });
      expect([dup.status, dup.body.error.code]).toEqual([409, 'DUPLICATE']);

      const hang = await createDelegate(t.dataSource, { fullName: HANG });
      const an = await createDelegate(t.dataSource, { fullName: 'Lý Quốc An', hasVotingRight: false });
      const retired = await createDelegate(t.dataSource, { fullName: 'Cao Minh Nhật', active: false });
      const id = created.body.id;
      const add1 = await admin.post<Body>(`/api/bodies/${id}/members`, { delegateId: hang.id, position: 'Chủ tịch' });
      expect(add1.status).toBe(201);
      expect(add1.body.members).toEqual([expect.objectContaining({ delegateId: hang.id, fullName: HANG, position: 'Chủ tịch', active: true })]);
      expect((await admin.post(`/api/bodies/${id}/members`, { delegateId: an.id })).status).toBe(201);
      const again = await admin.post<ErrorShape>(`/api/bodies/${id}/members`, { delegateId: hang.id });
      expect([again.status, again.body.error.code]).toEqual([409, 'DUPLICATE']);
      const inactive = await admin.post<ErrorShape>(`/api/bodies/${id}/members`, { delegateId: retired.id });
      expect([inactive.status, inactive.body.error.code]).toEqual([409, 'CONFLICT']);
      const unknown = await admin.post<ErrorShape>(`/api/bodies/${id}/members`, { delegateId: '00000000-0000-4000-8000-000000000099' });
      expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
      expect((await admin.post<ErrorShape>(`/api/bodies/${id}/members`, { delegateId: 'nope' })).status).toBe(400);
      expect((await admin.post<ErrorShape>(`/api/bodies/${id}/members`, { delegateId: an.id, position: 'x'.repeat(201) })).status).toBe(400);

      const bodies = app();
      expect(await bodies.countMembers(id)).toBe(2);
      expect(await bodies.countMembers(id, { votingOnly: true })).toBe(1);
      expect(await bodies.listMemberIds(id)).toEqual([hang.id, an.id].sort());

      // deactivating a delegate keeps the membership (history) but stops counting it
      await admin.post(`/api/delegates/${an.id}/deactivate`);
      const detail = await chair.get<Body>(`/api/bodies/${id}`);
      expect(detail.status).toBe(200);
      expect(detail.body.memberCount).toBe(1);
      expect(detail.body.members).toHaveLength(2);
      expect(detail.body.members?.find((m) => m.delegateId === an.id)?.active).toBe(false);
      expect(await bodies.listMemberIds(id)).toEqual([hang.id]);
      const list = await secretary.get<Body[]>('/api/bodies');
      expect(list.body.find((b) => b.id === id)?.memberCount).toBe(1);

      const patched = await admin.patch<Body>(`/api/bodies/${id}`, { description: null, allowProxyVoting: false });
      expect(patched.body).toMatchObject({ description: null, allowProxyVoting: false, name });

      expect((await admin.delete(`/api/bodies/${id}/members/${an.id}`)).status).toBe(204);
      expect((await admin.delete<ErrorShape>(`/api/bodies/${id}/members/${an.id}`)).status).toBe(404);
      expect(await t.dataSource.getRepository(BodyMemberEntity).countBy({ bodyId: id })).toBe(1);
    });

    it('refuses bad body input', async () => {
      for (const payload of [{}, { name: '' }, { name: 'x'.repeat(301) }, { name: 5 }, { name: 'A', allowProxyVoting: 'yes' }, { name: 'A', extra: 1 }]) {
        const res = await admin.post<ErrorShape>('/api/bodies', payload);
        expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect((await admin.get<ErrorShape>('/api/bodies/123')).status).toBe(400);
      expect((await admin.get<ErrorShape>('/api/bodies/00000000-0000-4000-8000-000000000099')).status).toBe(404);
      const { body: other } = await createBody(t.dataSource, 0);
      const { body } = await createBody(t.dataSource, 0);
      const rename = await admin.patch<ErrorShape>(`/api/bodies/${body.id}`, { name: other.name });
      expect([rename.status, rename.body.error.code]).toEqual([409, 'DUPLICATE']);
    });

    function app(): BodiesService {
      return t.app.get(BodiesService);
    }
  });

  describe('import', () => {
    it('imports a UTF-8 CSV with BOM, Vietnamese headers and ";" separators, adding members to a body', async () => {
      const { body } = await createBody(t.dataSource, 0);
      const e = tag();
      const text =
        '\uFEFF' +
        csv(
          [
            HEADER_VI,
            [HANG.normalize('NFD'), 'Phó Giám đốc', 'Sở Y tế; Hà Nội', `Hang.${e}@HaNoi.gov.vn`, '0912 345 678', 'có'],
            ['Trần Quang Đức', '', '', `duc.${e}@hanoi.gov.vn`, '+84987654321', 'không'],
          ],
          ';',
        );
      const res = await admin.post<ImportResult>(`/api/delegates/import?bodyId=${body.id}`, upload(text));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ imported: 2, skipped: 0, errors: [] });
      const rows = await t.dataSource.getRepository(DelegateEntity).findBy(res.body.ids.map((id) => ({ id })));
      expect(rows.map((r) => [r.fullName, r.organization, r.email, r.phone, r.hasVotingRight]).sort()).toEqual(
        [
          [HANG, 'Sở Y tế; Hà Nội', `hang.${e}@hanoi.gov.vn`, '0912345678', true],
          ['Trần Quang Đức', null, `duc.${e}@hanoi.gov.vn`, '+84987654321', false],
        ].sort(),
      );
      expect(await t.app.get(BodiesService).countMembers(body.id)).toBe(2);
    });

    it('imports nothing when a row is invalid, listing every error with its file line', async () => {
      const existing = await createDelegate(t.dataSource);
      const before = await count();
      const e = tag();
      const text = csv([
        ['full_name', 'title', 'organization', 'email', 'phone', 'voting_right'],
        ['Phạm Văn Tốt', '', '', `tot.${e}@x.vn`, '', 'yes'],
        ['', '', '', `trong.${e}@x.vn`, '', ''],
        ['Phạm Văn Trùng', '', '', existing.email!.toUpperCase(), '', ''],
        ['Lê Văn "Nhiều\ndòng"', '', '', '', '12345', 'maybe'],
        ['Lê Văn Lặp', '', '', `TOT.${e}@x.vn`, '', ''],
      ]);
      const res = await admin.post<ImportError>('/api/delegates/import', upload(text));
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('IMPORT_INVALID');
      expect(res.body.error.details.errors).toEqual([
        { line: 3, column: 'full_name', reason: 'must not be empty' },
        { line: 4, column: 'email', reason: 'a delegate with this e-mail is already registered' },
        { line: 5, column: 'phone', reason: expect.stringContaining('phone') },
        { line: 5, column: 'voting_right', reason: expect.stringContaining('yes/no') },
        { line: 7, column: 'email', reason: 'duplicate e-mail, already on line 2' },
      ]);
      expect(await count()).toBe(before);
    });

    it('with partial=true imports the valid rows and reports the others', async () => {
      const before = await count();
      const e = tag();
      const text = csv([
        ['ho_ten', 'email', 'dien_thoai'],
        ['Vũ Đình Khải', `khai.${e}@x.vn`, '0243 825 3536'],
        ['Vũ Sai', 'sai@', ''],
        ['Vũ Thị Mai', `mai.${e}@x.vn`, ''],
      ]);
      const res = await admin.post<ImportResult>('/api/delegates/import?partial=true', upload(text));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ imported: 2, skipped: 1, errors: [{ line: 3, column: 'email', reason: 'must be a valid e-mail address' }] });
      expect(await count()).toBe(before + 2);
      const khai = await t.dataSource.getRepository(DelegateEntity).findOneByOrFail({ email: `khai.${e}@x.vn` });
      expect(khai).toMatchObject({ fullName: 'Vũ Đình Khải', phone: '02438253536', hasVotingRight: true, active: true });
    });

    it('imports an XLSX workbook, reporting sheet rows, and restores the leading 0 of numeric phones', async () => {
      const e = tag();
      const good = await xlsx([
        ['Họ và tên', 'Chức vụ', 'Đơn vị', 'Email', 'Điện thoại', 'Quyền biểu quyết'],
        [HANG, 'Giám đốc Sở Y tế', 'Sở Y tế', `hang.x.${e}@hanoi.gov.vn`, 912345678, 'Có'],
        ['Ngô Thanh Hải', 'Giám đốc', 'Sở Giáo dục và Đào tạo', `hai.${e}@hanoi.gov.vn`, '0243 825 3536', 'KHÔNG'],
      ]);
      const res = await admin.post<ImportResult>('/api/delegates/import', upload(good, 'dai-bieu.xlsx'));
      expect(res.status).toBe(200);
      expect(res.body.imported).toBe(2);
      const hang = await t.dataSource.getRepository(DelegateEntity).findOneByOrFail({ email: `hang.x.${e}@hanoi.gov.vn` });
      expect(hang).toMatchObject({ fullName: HANG, phone: '0912345678', hasVotingRight: true });

      const before = await count();
      const bad = await xlsx([['Họ và tên', 'Email'], ['Ngô A', 'a@'], [null, null], ['Ngô B', `b.${e}@x.vn`], ['', `c.${e}@x.vn`]]);
      const rejected = await admin.post<ImportError>('/api/delegates/import', upload(bad, 'anything.bin'));
      expect(rejected.status).toBe(422);
      expect(rejected.body.error.details.errors.map((x) => [x.line, x.column])).toEqual([
        [2, 'email'],
        [5, 'full_name'],
      ]);
      expect(await count()).toBe(before);
    });

    it('refuses wrong encodings, unknown formats, bad headers, missing and oversized files', async () => {
      const before = await count();
      const send = (content: Buffer | string, name = 'x.csv', query = ''): Promise<{ status: number; body: ErrorShape }> =>
        admin.post<ErrorShape>(`/api/delegates/import${query}`, upload(content, name));
      const expectError = async (p: Promise<{ status: number; body: ErrorShape }>, status: number, code: string): Promise<ErrorShape> => {
        const res = await p;
        expect([res.status, res.body.error.code]).toEqual([status, code]);
        return res.body;
      };
      // "Nguyễn" as Windows-1258 bytes (base letter + combining tone mark)
      const cp1258 = Buffer.concat([Buffer.from('full_name\n'), Buffer.from([0x4e, 0x67, 0x75, 0x79, 0xea, 0xde, 0x6e, 0x0a])]);
      await expectError(send(cp1258), 400, 'INVALID_ENCODING');
      await expectError(send(Buffer.from(`\uFEFFfull_name\n${HANG}\n`, 'utf16le')), 400, 'INVALID_ENCODING');
      await expectError(send(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'x.png'), 415, 'INVALID_FILE');
      await expectError(send(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]), 'x.xlsx'), 415, 'INVALID_FILE');
      await expectError(send(Buffer.from('%PDF-1.4\n...')), 415, 'INVALID_FILE');
      const cols = await expectError(send(csv([['Tên', 'Ngày sinh', 'email'], ['A', '1970', 'a@b.vn']])), 422, 'IMPORT_INVALID');
      expect(cols.error.details).toMatchObject({ missingColumns: ['full_name'], unknownColumns: ['Tên', 'Ngày sinh'] });
      await expectError(send(''), 422, 'IMPORT_INVALID');
      await expectError(send('full_name,email\n"Unclosed,a@b.vn\n'), 422, 'IMPORT_INVALID');
      await expectError(send(csv([['full_name'], ['A']]), 'x.csv', '?bodyId=00000000-0000-4000-8000-000000000099'), 404, 'NOT_FOUND');
      await expectError(send(csv([['full_name'], ['A']]), 'x.csv', '?bodyId=abc'), 400, 'VALIDATION_FAILED');
      await expectError(send(csv([['full_name'], ['A']]), 'x.csv', '?partial=yes'), 400, 'VALIDATION_FAILED');
      await expectError(admin.post<ErrorShape>('/api/delegates/import', upload('full_name\nA\n', 'x.csv', 'upload')), 400, 'VALIDATION_FAILED');
      await expectError(admin.post<ErrorShape>('/api/delegates/import', { file: 'full_name\nA' }), 400, 'VALIDATION_FAILED');

      const big = csv([['full_name'], ...Array.from({ length: 4000 }, (_, i) => [`Nguyễn Văn Số ${i} ${'x'.repeat(20)}`])]);
      expect(Buffer.byteLength(big)).toBeGreaterThan(IMPORT_MAX_BYTES);
      await expectError(send(big), 413, 'PAYLOAD_TOO_LARGE');
      expect(await count()).toBe(before);
    });
  });

  describe('export', () => {
    it('exports CSV (UTF-8 with BOM) and XLSX in the import format, and both import again elsewhere', async () => {
      const { body } = await createBody(t.dataSource, 0);
      const e = tag();
      const members = [
        await createDelegate(t.dataSource, { fullName: HANG, title: 'Phó Chủ tịch', organization: 'UBND Thành phố', email: `hang.exp.${e}@hanoi.gov.vn`, phone: '+84912345678' }),
        await createDelegate(t.dataSource, { fullName: '=Đỗ "Trích dẫn", Ánh', title: null, organization: null, email: null, phone: '02438253536', hasVotingRight: false }),
      ];
      for (const d of members) await t.dataSource.getRepository(BodyMemberEntity).save({ bodyId: body.id, delegateId: d.id, position: null });

      const csvRes = await secretary.get<Buffer>(`/api/delegates/export.csv?bodyId=${body.id}`);
      expect(csvRes.status).toBe(200);
      expect(csvRes.headers.get('content-type')).toContain('text/csv');
      expect(csvRes.headers.get('content-disposition')).toContain('attachment');
      expect([...csvRes.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = csvRes.body.toString('utf8').slice(1);
      expect(text.split('\r\n')[0]).toBe(HEADER_VI.join(','));
      expect(text).toContain(`${HANG},Phó Chủ tịch,UBND Thành phố,hang.exp.${e}@hanoi.gov.vn,'+84912345678,có`);
      expect(text).toContain(`"'=Đỗ ""Trích dẫn"", Ánh",,,,02438253536,không`);

      const xlsxRes = await chair.get<Buffer>(`/api/delegates/export.xlsx?bodyId=${body.id}`);
      expect(xlsxRes.status).toBe(200);
      expect(xlsxRes.headers.get('content-type')).toContain('spreadsheetml');
      const cells = await readXlsx(xlsxRes.body);
      expect(cells[0]).toEqual(HEADER_VI);
      expect(cells.slice(1)).toEqual(
        expect.arrayContaining([
          [HANG, 'Phó Chủ tịch', 'UBND Thành phố', `hang.exp.${e}@hanoi.gov.vn`, '+84912345678', 'có'],
          ['=Đỗ "Trích dẫn", Ánh', '', '', '', '02438253536', 'không'],
        ]),
      );

      // round trip: both files import into an empty registry and give the same records
      const other = await startTestApp();
      try {
        const otherAdmin = (await clientAs(other.dataSource, other.url, Role.Admin)).http;
        const shape = (ds: DelegateEntity[]): unknown[] =>
          ds.map((d) => [d.fullName, d.title, d.organization, d.email, d.phone, d.hasVotingRight]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
        const fromCsv = await otherAdmin.post<ImportResult>('/api/delegates/import', upload(csvRes.body, 'dai-bieu.csv'));
        expect(fromCsv.status).toBe(200);
        expect(fromCsv.body.imported).toBe(2);
        expect(shape(await other.dataSource.getRepository(DelegateEntity).find())).toEqual(shape(members));
        await other.dataSource.query('DELETE FROM delegates');
        const fromXlsx = await otherAdmin.post<ImportResult>('/api/delegates/import', upload(xlsxRes.body, 'dai-bieu.xlsx'));
        expect(fromXlsx.status).toBe(200);
        expect(shape(await other.dataSource.getRepository(DelegateEntity).find())).toEqual(shape(members));
      } finally {
        await other.close();
      }
    });
  });

  describe('roles', () => {
    it('lets admin write, staff read, and refuses delegates, observers and anonymous callers', async () => {
      const d = await createDelegate(t.dataSource);
      const { body } = await createBody(t.dataSource, 1);
      const member = (await t.dataSource.getRepository(BodyMemberEntity).findOneByOrFail({ bodyId: body.id })).delegateId;
      const reads = ['/api/delegates', `/api/delegates/${d.id}`, '/api/delegates/export.csv', '/api/delegates/export.xlsx', '/api/bodies', `/api/bodies/${body.id}`];
      for (const client of [admin, secretary, chair]) for (const path of reads) expect([path, (await client.get(path)).status]).toEqual([path, 200]);
      const writes: [string, string, unknown][] = [
        ['POST', '/api/delegates', { fullName: 'Không Được' }],
        ['PATCH', `/api/delegates/${d.id}`, { title: 'x' }],
        ['POST', `/api/delegates/${d.id}/deactivate`, undefined],
        ['POST', `/api/delegates/${d.id}/reactivate`, undefined],
        ['POST', '/api/delegates/import', upload('full_name\nKhông Được\n')],
        ['POST', '/api/bodies', { name: 'Không Được' }],
        ['PATCH', `/api/bodies/${body.id}`, { description: 'x' }],
        ['POST', `/api/bodies/${body.id}/members`, { delegateId: d.id }],
        ['DELETE', `/api/bodies/${body.id}/members/${member}`, undefined],
      ];
      const before = await count();
      for (const client of [secretary, chair, delegate, observer]) {
        for (const [method, path, payload] of writes) {
          const res = await client.request<ErrorShape>(method, path, payload);
          expect([method, path, res.status, res.body.error.code]).toEqual([method, path, 403, 'FORBIDDEN']);
        }
      }
      for (const client of [delegate, observer]) {
        for (const path of reads) expect([path, (await client.get<ErrorShape>(path)).status]).toEqual([path, 403]);
      }
      const anon = new HttpClient(t.url);
      for (const path of reads) expect([path, (await anon.get(path)).status]).toEqual([path, 401]);
      for (const [method, path, payload] of writes) expect([path, (await anon.request(method, path, payload)).status]).toEqual([path, 401]);
      expect(await count()).toBe(before);
      expect(await t.dataSource.getRepository(BodyMemberEntity).countBy({ bodyId: body.id })).toBe(1);
      expect(await t.dataSource.getRepository(DelegateEntity).findOneByOrFail({ id: d.id })).toMatchObject({ active: true, title: 'Ủy viên' });
    });

    it('documents the routes in OpenAPI with tags, bearer auth and the multipart upload', async () => {
      const docs = await new HttpClient(t.url).get<{ paths: Record<string, Record<string, { tags?: string[]; security?: unknown[]; requestBody?: { content: Record<string, unknown> } }>> }>('/api/docs-json');
      const imp = docs.body.paths['/api/delegates/import'].post;
      expect(imp.tags).toEqual(['delegates']);
      expect(imp.security).toEqual([{ bearer: [] }]);
      expect(Object.keys(imp.requestBody?.content ?? {})).toEqual(['multipart/form-data']);
      expect(docs.body.paths['/api/bodies/{id}/members/{delegateId}'].delete.tags).toEqual(['bodies']);
    });
  });
});
