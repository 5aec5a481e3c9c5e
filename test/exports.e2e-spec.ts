import { createHash, randomUUID } from 'node:crypto';
import { AttendanceService, CheckInMethod } from '#attendance';
import { canonicalJson } from '#audit';
import { Role } from '#core';
import { DelegateEntity } from '#delegates';
import { AgendaItemEntity, MeetingStatus, type MeetingEntity } from '#meetings';
import type { PollView } from '#voting';
import { createUnit } from './factories/assignments.factory.js';
import { createBody, createMeeting } from './factories/registry.factory.js';
import { clientAs } from './factories/user.factory.js';
import { docxEmbeddedFonts, docxText, pdfEmbeddedFonts, pdfText, xlsxSheets, vnTime } from './utils/documents.js';
import type { ErrorShape, HttpClient } from './utils/http.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

interface MinutesBody {
  id: string;
  status: 'draft' | 'locked';
  sha256: string | null;
  content: { issuer: string; title: string; subtitle: string; sections: { heading: string; body: string }[] };
}

const NAMES = ['Nguyễn Thị Thủy', 'Đặng Văn Ước', 'Trần Quốc Hưng', 'Lê Thị Ngọc Ánh', 'Phạm Đức Tiến'];
const ABSENCE_REASON = 'Đi công tác tại Đà Nẵng';
const OPINION = 'Đề nghị bổ sung kinh phí cho ứng dụng chuyển đổi số ở các phường';
const MOTION_TITLE = 'Thông qua Đề án chuyển đổi số năm 2027';
const CHOICE_TITLE = 'Lựa chọn địa điểm xây dựng trường học';
const CHOICE_OPTIONS = ['Phường Hàng Bạc', 'Phường Tràng Tiền', 'Giữ nguyên hiện trạng'];
const RECORDED_CONCLUSION = 'Thống nhất thông qua Đề án chuyển đổi số năm 2027';
const TASK_TITLE = 'Hoàn thiện hồ sơ Đề án, trình Thành ủy';

const nfc = (s: string): string => s.normalize('NFC');
/** The Vietnamese half of the rule engine's `vi | en` arithmetic line. */
/** PDF text with wrapped lines joined again. */
const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ');
const vi = (p: PollView): string => nfc(String(p.result?.arithmetic ?? '').split(' | ')[0]);

/** Decree 30/2020 Appendix I: the issuer and motto blocks, "Số: .../<symbol>", the place and date line, in the extracted text. */
function expectOfficialBlocks(text: string, symbol: RegExp): void {
  const flat = oneLine(text);
  for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']) expect(flat).toContain(nfc(s));
  expect(flat).toMatch(symbol);
  expect(flat).toMatch(/Hà Nội, ngày \d{2} tháng \d{2} năm \d{4}/);
}

describe('exports and minutes (biên bản)', () => {
  let t: TestApp;
  let meeting: MeetingEntity;
  let bodyId: string;
  let bodyName: string;
  let delegates: DelegateEntity[];
  let agenda: AgendaItemEntity[];
  let secretary: HttpClient;
  let chair: HttpClient;
  let admin: HttpClient;
  let observer: HttpClient;
  let voters: HttpClient[];
  let motion: PollView;
  let choice: PollView;
  let lead: { id: string; name: string };
  const receipts: string[] = [];
  const checkedInAt = new Map<string, Date>();

  const url = (path: string): string => `/api/meetings/${meeting.id}${path}`;
  const file = async (http: HttpClient, path: string): Promise<{ status: number; body: Buffer; type: string; disposition: string }> => {
    const res = await http.get<Buffer>(path);
    return { status: res.status, body: res.body, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '' };
  };
  const optionId = (p: PollView, label: string): string => p.options.find((o) => o.label === label || o.code === label)?.id ?? '';

  beforeAll(async () => {
    t = await startTestApp();
    bodyName = `Ủy ban nhân dân quận Hoàn Kiếm ${randomUUID().slice(0, 4)}`;
    const created = await createBody(t.dataSource, NAMES.length, { name: bodyName });
    bodyId = created.body.id;
    delegates = created.delegates;
    const repo = t.dataSource.getRepository(DelegateEntity);
    for (const [i, d] of delegates.entries()) {
      d.fullName = NAMES[i];
      d.title = i === 0 ? 'Chủ tịch' : 'Phó Chủ tịch';
      await repo.save(d);
    }
    ({ meeting, agendaItems: agenda } = await createMeeting(t.dataSource, bodyId, delegates, { status: MeetingStatus.InSession, title: 'Phiên họp thường kỳ tháng 11', location: 'Hội trường tầng 3' }, 2));
    await t.dataSource.getRepository(AgendaItemEntity).update({ id: agenda[0].id }, { title: 'Đề án chuyển đổi số', presenter: 'Sở Thông tin và Truyền thông' });

    // four methods of presence and one excused absence
    const attendance = t.app.get(AttendanceService);
    const methods = [CheckInMethod.Face, CheckInMethod.Manual, CheckInMethod.Qr, CheckInMethod.Online];
    for (const [i, method] of methods.entries()) {
      const r = await attendance.checkIn({ meetingId: meeting.id, delegateId: delegates[i].id, method, recordedBy: null });
      checkedInAt.set(delegates[i].id, r.record.checkedInAt as Date);
    }
    await attendance.markExcused(meeting.id, delegates[4].id, ABSENCE_REASON, null);

    secretary = (await clientAs(t.dataSource, t.url, Role.Secretary)).http;
    admin = (await clientAs(t.dataSource, t.url, Role.Admin)).http;
    observer = (await clientAs(t.dataSource, t.url, Role.Observer)).http;
    chair = (await clientAs(t.dataSource, t.url, Role.Chair, { delegateId: delegates[0].id })).http;
    voters = [chair];
    for (const d of delegates.slice(1, 4)) voters.push((await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: d.id })).http);

    expect((await voters[1].post(url('/opinions'), { content: OPINION, agendaItemId: agenda[0].id })).status).toBe(201);

    // a named motion: 3 for, 1 against (published)
    motion = (await secretary.post<PollView>(url('/polls'), { kind: 'motion', ballotMode: 'named', title: MOTION_TITLE, agendaItemId: agenda[0].id })).body;
    expect((await secretary.post(`/api/polls/${motion.id}/open`)).status).toBe(200);
    for (const [i, code] of ['for', 'for', 'against', 'for'].entries()) {
      expect((await voters[i].post(`/api/polls/${motion.id}/ballots`, { ballotId: randomUUID(), choices: [optionId(motion, code)] })).status).toBe(200);
    }
    expect((await secretary.post(`/api/polls/${motion.id}/close`)).status).toBe(200);
    expect((await secretary.post(`/api/polls/${motion.id}/publish`)).status).toBe(200);
    motion = (await secretary.get<PollView>(`/api/polls/${motion.id}`)).body;

    // a secret choice poll: 3 for the first option, 1 for the second (closed, not published)
    choice = (
      await secretary.post<PollView>(url('/polls'), {
        kind: 'choice',
        ballotMode: 'secret',
        title: CHOICE_TITLE,
        options: CHOICE_OPTIONS.map((label) => ({ label })),
        maxChoices: 1,
        rule: 'present>1/2;quorum>=2/3;tie=fails',
      })
    ).body;
    expect((await secretary.post(`/api/polls/${choice.id}/open`)).status).toBe(200);
    for (const [i, label] of [CHOICE_OPTIONS[0], CHOICE_OPTIONS[0], CHOICE_OPTIONS[1], CHOICE_OPTIONS[0]].entries()) {
      const res = await voters[i].post<{ receipt: string }>(`/api/polls/${choice.id}/ballots`, { ballotId: randomUUID(), choices: [optionId(choice, label)] });
      expect(res.status).toBe(200);
      receipts.push(res.body.receipt);
    }
    expect((await secretary.post(`/api/polls/${choice.id}/close`)).status).toBe(200);
    choice = (await secretary.get<PollView>(`/api/polls/${choice.id}`)).body;

    // a conclusion with a task, recorded through #assignments
    lead = await createUnit(t.dataSource, { name: 'Sở Thông tin và Truyền thông' });
    const conclusion = await secretary.post<{ id: string }>(url('/conclusions'), { text: RECORDED_CONCLUSION, agendaItemId: agenda[0].id });
    expect(conclusion.status).toBe(201);
    const task = await secretary.post(url(`/conclusions/${conclusion.body.id}/tasks`), { title: TASK_TITLE, leadUnitId: lead.id, deadline: '2026-12-31T17:00:00+07:00' });
    expect(task.status).toBe(201);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('attendance', () => {
    it('renders the PDF with embedded fonts, every delegate, status, method, Vietnam time, reason and the quorum', async () => {
      const res = await file(secretary, url('/exports/attendance.pdf'));
      expect(res.status).toBe(200);
      expect(res.type).toContain('application/pdf');
      expect(res.disposition).toMatch(/^attachment; filename="diem-danh-Phien-hop-thuong-ky-thang-11\.pdf"; filename\*=UTF-8''/);
      expect(decodeURIComponent(res.disposition.split("UTF-8''")[1])).toBe(nfc('diem-danh-Phiên-họp-thường-kỳ-tháng-11.pdf'));
      const fonts = pdfEmbeddedFonts(res.body);
      expect(fonts.embedded).toBeGreaterThanOrEqual(2);
      // Decree 30/2020 Appendix I, I.4: a Times New Roman-metric face (Tinos subsets), embedded
      expect(fonts.baseFonts.every((f) => /Tinos/.test(f))).toBe(true);
      // table cells wrap: compare on the text with its lines joined
      const text = oneLine(await pdfText(res.body));
      expect(text).toContain(nfc('DANH SÁCH ĐIỂM DANH ĐẠI BIỂU'));
      expectOfficialBlocks(text, /Số: +\/DS-/);
      for (const name of NAMES) expect(text).toContain(nfc(name));
      for (const s of ['Có mặt tại hội trường', 'Tham dự trực tuyến', 'Vắng có lý do', ABSENCE_REASON, 'Nhận diện khuôn mặt', 'Thư ký điểm danh', 'Mã QR']) expect(text).toContain(nfc(s));
      for (const at of checkedInAt.values()) expect(text).toContain(vnTime(at));
      expect(oneLine(text)).toContain(nfc('Túc số: 4/5 thành viên có mặt, cần tối thiểu 4 (2/3) — Đủ túc số'));
    });

    it('renders the XLSX with one row per delegate and the summary counts', async () => {
      const res = await file(chair, url('/exports/attendance.xlsx'));
      expect(res.status).toBe(200);
      expect(res.type).toContain('spreadsheetml');
      const rows = (await xlsxSheets(res.body)).get(nfc('Điểm danh')) ?? [];
      const row = (name: string): unknown[] => rows.find((r) => r[1] === nfc(name)) ?? [];
      expect(row('Nguyễn Thị Thủy').slice(3, 6)).toEqual([nfc('Có mặt tại hội trường'), nfc('Nhận diện khuôn mặt'), vnTime(checkedInAt.get(delegates[0].id) as Date)]);
      expect(row('Đặng Văn Ước').slice(3, 5)).toEqual([nfc('Có mặt tại hội trường'), nfc('Thư ký điểm danh')]);
      expect(row('Trần Quốc Hưng')[4]).toBe(nfc('Mã QR'));
      expect(row('Lê Thị Ngọc Ánh').slice(3, 5)).toEqual([nfc('Tham dự trực tuyến'), nfc('Trực tuyến')]);
      expect(row('Phạm Đức Tiến').slice(3, 7)).toEqual([nfc('Vắng có lý do'), '', '', nfc(ABSENCE_REASON)]);
      const count = (label: string): unknown => rows.find((r) => r[0] === nfc(label))?.[1];
      expect([count('Số đại biểu được mời'), count('Có mặt tại hội trường'), count('Tham dự trực tuyến'), count('Vắng có lý do')]).toEqual([5, 3, 1, 1]);
      expect(rows.some((r) => r[0] === nfc('Túc số: 4/5 thành viên có mặt, cần tối thiểu 4 (2/3) — Đủ túc số'))).toBe(true);
    });
  });

  describe('poll results', () => {
    it('renders the PDF: counts, the rule arithmetic, the outcome, named choices and secret receipts', async () => {
      expect(vi(motion)).toContain('Tán thành 3/5');
      const res = await file(admin, url('/exports/results.pdf'));
      expect(res.status).toBe(200);
      const text = await pdfText(res.body);
      expectOfficialBlocks(text, /Số: +\/BC-/);
      expect(text).toContain(nfc(MOTION_TITLE));
      expect(text).toContain(nfc(CHOICE_TITLE));
      for (const s of ['Tán thành: 3 phiếu', 'Không tán thành: 1 phiếu', 'Không biểu quyết: 0 phiếu', 'Kết quả: Thông qua', `${CHOICE_OPTIONS[0]}: 3 phiếu`, `${CHOICE_OPTIONS[1]}: 1 phiếu`]) {
        expect(text).toContain(nfc(s));
      }
      expect(oneLine(text)).toContain(vi(motion));
      expect(oneLine(text)).toContain(vi(choice));
      // named: who chose what; secret: only receipts
      const lines = text.split('\n');
      expect(lines.find((l) => l.includes(nfc('Trần Quốc Hưng')) && l.includes(nfc('Không tán thành')))).toBeDefined();
      for (const r of receipts) expect(text).toContain(r);
    });

    it('renders the XLSX: a summary sheet with counts and outcome, and one sheet per poll', async () => {
      const res = await file(secretary, url('/exports/results.xlsx'));
      expect(res.status).toBe(200);
      const sheets = await xlsxSheets(res.body);
      const summary = sheets.get(nfc('Tổng hợp')) ?? [];
      const motionRow = summary.find((r) => r[1] === nfc(MOTION_TITLE)) ?? [];
      expect(motionRow.slice(4, 9)).toEqual([5, 4, 4, nfc('Tán thành'), 3]);
      expect(motionRow[9]).toBe(vi(motion));
      expect(motionRow[10]).toBe(nfc('Thông qua'));
      expect(summary.some((r) => r[7] === nfc('Không tán thành') && r[8] === 1)).toBe(true);
      const named = sheets.get('BQ 1') ?? [];
      expect(named.find((r) => r[1] === nfc('Đặng Văn Ước'))?.[2]).toBe(nfc('Tán thành'));
      const secret = sheets.get('BQ 2') ?? [];
      expect(secret.slice(3).map((r) => r[1]).sort()).toEqual([...receipts].sort());
      expect(secret.flat()).not.toContain(nfc('Đặng Văn Ước'));
    });
  });

  describe('access', () => {
    it('refuses delegates and observers (403) and anonymous callers (401)', async () => {
      for (const path of ['/exports/attendance.pdf', '/exports/results.xlsx', '/exports/minutes.pdf', '/minutes']) {
        expect((await voters[1].get<ErrorShape>(url(path))).status).toBe(403);
        expect((await observer.get<ErrorShape>(url(path))).status).toBe(403);
        expect((await secretary.withToken(undefined).get<ErrorShape>(url(path))).status).toBe(401);
      }
      expect((await voters[1].post<ErrorShape>(url('/minutes/draft'))).status).toBe(403);
      expect((await chair.post<ErrorShape>(url('/minutes/draft'))).status).toBe(403);
    });

    it('answers 404 for an unknown meeting and for minutes not drafted yet', async () => {
      const unknown = await secretary.get<ErrorShape>(`/api/meetings/${randomUUID()}/exports/attendance.pdf`);
      expect(unknown.status).toBe(404);
      const notYet = await secretary.get<ErrorShape>(url('/exports/minutes.docx'));
      expect(notYet.status).toBe(404);
      expect(notYet.body.error.code).toBe('MINUTES_NOT_FOUND');
    });
  });

  describe('minutes', () => {
    let draft: MinutesBody;
    const CONCLUSION = 'Thống nhất thông qua Đề án; giao Sở Tài chính bố trí kinh phí, báo cáo trước ngày 15/12/2026 (ước tính 12 tỷ đồng).';

    it('drafts the minutes from the data: meeting, attendance and quorum, agenda, opinions, each poll result', async () => {
      const res = await secretary.post<MinutesBody>(url('/minutes/draft'));
      expect(res.status).toBe(200);
      draft = res.body;
      expect(draft.status).toBe('draft');
      const sections = draft.content.sections;
      expect(sections.map((s) => s.heading)).toEqual(
        ['I. THÔNG TIN CUỘC HỌP', 'II. THÀNH PHẦN THAM DỰ VÀ TÚC SỐ', 'III. CHƯƠNG TRÌNH HỌP', 'IV. PHÁT BIỂU VÀ Ý KIẾN CỦA ĐẠI BIỂU', 'V. KẾT QUẢ BIỂU QUYẾT', 'V.a. KIỂM PHIẾU BỎ PHIẾU KÍN', 'VI. KẾT LUẬN', 'VII. KÝ XÁC NHẬN'].map(nfc),
      );
      expect(draft.content.issuer).toBe(nfc(bodyName));
      expect(sections[0].body).toContain(nfc('Hội trường tầng 3'));
      expect(sections[1].body).toContain(nfc('Túc số: 4/5 thành viên có mặt, cần tối thiểu 4 (2/3) — Đủ túc số'));
      expect(sections[1].body).toContain(nfc(`- Phạm Đức Tiến: Vắng có lý do: ${ABSENCE_REASON}`));
      for (const name of NAMES.slice(0, 4)) expect(sections[1].body).toContain(nfc(name));
      expect(sections[2].body).toContain(nfc('1. Đề án chuyển đổi số (trình bày: Sở Thông tin và Truyền thông)'));
      expect(sections[3].body).toContain(nfc(`- Đặng Văn Ước (về nội dung 1. Đề án chuyển đổi số): ${OPINION}`));
      expect(sections[4].body).toContain(nfc(MOTION_TITLE));
      expect(sections[4].body).toContain(vi(motion));
      expect(sections[4].body).toContain(nfc(`${CHOICE_OPTIONS[0]}: 3 phiếu`));
      expect(sections[5].body).toContain(nfc('Biên bản kiểm phiếu'));
      expect(sections[6].body).toBe(nfc(`1. Về nội dung “Đề án chuyển đổi số”: ${RECORDED_CONCLUSION}\n   - ${TASK_TITLE} (chủ trì: Sở Thông tin và Truyền thông; thời hạn: 17:00 31/12/2026)`));
      expect((await chair.get<MinutesBody>(url('/minutes'))).body.id).toBe(draft.id);

      const pdf = await pdfText((await file(chair, url('/exports/minutes.pdf'))).body);
      expect(pdf).toContain(nfc('BIÊN BẢN HỌP'));
      expectOfficialBlocks(pdf, /Số: +\/BB-/);
      expect(pdf).toContain(nfc('DỰ THẢO'));
      expect(oneLine(pdf)).toContain(nfc(OPINION));
    });

    it('takes the secretary edits, validates them, and renders the edited text', async () => {
      const sections = draft.content.sections.map((s) => (s.heading === nfc('VI. KẾT LUẬN') ? { ...s, body: CONCLUSION } : s));
      // the same text in decomposed form is stored composed (NFC)
      const edited = await secretary.put<MinutesBody>(url('/minutes'), { ...draft.content, sections: sections.map((s) => ({ ...s, body: s.body.normalize('NFD') })) });
      expect(edited.status).toBe(200);
      expect(edited.body.content.sections[6].body).toBe(nfc(CONCLUSION));
      const bad = await secretary.put<ErrorShape>(url('/minutes'), { ...draft.content, sections: [] });
      expect(bad.status).toBe(400);
      const tooLong = await secretary.put<ErrorShape>(url('/minutes'), { ...draft.content, title: 'x'.repeat(301) });
      expect(tooLong.status).toBe(400);
      expect((await voters[1].put<ErrorShape>(url('/minutes'), draft.content)).status).toBe(403);

      const docxFile = (await file(secretary, url('/exports/minutes.docx'))).body;
      // Times New Roman by name (every office suite has it or a metric twin); nothing embedded
      expect(await docxEmbeddedFonts(docxFile)).toEqual([]);
      const docx = await docxText(docxFile);
      expect(docx).toContain(nfc(CONCLUSION));
      expect(docx).toContain(nfc('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'));
      expect(docx).toContain(nfc('Nguyễn Thị Thủy'));
    });

    it('locks with the SHA-256 of the canonical content, chains it into the audit log, and refuses any change after', async () => {
      const current = (await secretary.get<MinutesBody>(url('/minutes'))).body;
      const res = await chair.post<MinutesBody>(url('/minutes/lock'));
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('locked');
      // parsed again here: canonicalJson accepts plain objects of this realm only
      const content = JSON.parse(JSON.stringify(current.content)) as MinutesBody['content'];
      const expected = createHash('sha256').update(canonicalJson({ meetingId: meeting.id, content }), 'utf8').digest('hex');
      expect(res.body.sha256).toBe(expected);

      const audit = await admin.get<{ items: { action: string; entityId: string; payload: Record<string, unknown> }[] }>(`/api/audit?meetingId=${meeting.id}&limit=500`);
      const locked = audit.body.items.filter((e) => e.action === 'minutes.locked');
      expect(locked).toEqual([expect.objectContaining({ entityId: current.id, payload: { sha256: expected } })]);
      expect(audit.body.items.map((e) => e.action)).toEqual(expect.arrayContaining(['minutes.drafted', 'minutes.edited']));
      const verify = await admin.get<{ ok: boolean }>('/api/audit/verify');
      expect(verify.body.ok).toBe(true);

      for (const attempt of [secretary.put<ErrorShape>(url('/minutes'), current.content), secretary.post<ErrorShape>(url('/minutes/draft')), secretary.post<ErrorShape>(url('/minutes/lock'))]) {
        const refused = await attempt;
        expect(refused.status).toBe(409);
        expect(refused.body.error.code).toBe('MINUTES_LOCKED');
      }
      expect((await secretary.get<MinutesBody>(url('/minutes'))).body.sha256).toBe(expected);
      // the conclusions are frozen with the minutes
      const lateConclusion = await secretary.post<ErrorShape>(url('/conclusions'), { text: 'Bổ sung sau khi khóa' });
      expect(lateConclusion.status).toBe(409);
      expect(lateConclusion.body.error.code).toBe('MINUTES_LOCKED');

      const pdf = await pdfText((await file(secretary, url('/exports/minutes.pdf'))).body);
      expect(pdf).toContain(expected);
      expect(pdf).not.toContain(nfc('DỰ THẢO'));
      expect(oneLine(pdf)).toContain(nfc(CONCLUSION));
      const docx = await docxText((await file(secretary, url('/exports/minutes.docx'))).body);
      expect(docx).toContain(expected);
    });
  });

  describe('written opinion round summary', () => {
    it('is refused before close, then renders counts, the rule outcome and named comments', async () => {
      const created = await secretary.post<{ id: string; questions: { id: string }[] }>('/api/opinion-rounds', {
        bodyId,
        title: 'Lấy ý kiến về Đề án chuyển đổi số',
        deadline: new Date(Date.now() + 48 * 3600_000).toISOString(),
        questions: ['Đồng ý thông qua Đề án?'],
      });
      expect(created.status).toBe(201);
      const roundId = created.body.id;
      expect((await secretary.post(`/api/opinion-rounds/${roundId}/open`)).status).toBe(200);
      const answers: [number, string, string | undefined][] = [
        [0, 'agree', undefined],
        [1, 'agree', 'Đồng ý, đề nghị ưu tiên phường Hàng Bạc'],
        [2, 'agree', undefined],
        [3, 'disagree', 'Chưa rõ nguồn kinh phí'],
      ];
      for (const [i, choiceCode, comment] of answers) {
        const res = await voters[i].post(`/api/opinion-rounds/${roundId}/answers`, { answers: [{ questionId: created.body.questions[0].id, choice: choiceCode, comment }] });
        expect(res.status).toBe(200);
      }
      const early = await secretary.get<ErrorShape>(`/api/opinion-rounds/${roundId}/exports/summary.pdf`);
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe('ROUND_NOT_CLOSED');
      expect((await secretary.post(`/api/opinion-rounds/${roundId}/close`)).status).toBe(200);
      expect((await voters[1].get<ErrorShape>(`/api/opinion-rounds/${roundId}/exports/summary.pdf`)).status).toBe(403);

      const res = await file(chair, `/api/opinion-rounds/${roundId}/exports/summary.pdf`);
      expect(res.status).toBe(200);
      const text = await pdfText(res.body);
      expect(text).toContain(nfc('BÁO CÁO TỔNG HỢP KẾT QUẢ LẤY Ý KIẾN THÀNH VIÊN'));
      expectOfficialBlocks(text, /Số: +\/BC-/);
      expect(text).toContain(nfc('Câu 1. Đồng ý thông qua Đề án?'));
      for (const s of ['Đồng ý: 3', 'Không đồng ý: 1', 'Chưa trả lời: 1', 'Kết quả: Thông qua']) expect(text).toContain(nfc(s));
      expect(oneLine(text)).toContain(nfc('- Đặng Văn Ước (Đồng ý): Đồng ý, đề nghị ưu tiên phường Hàng Bạc'));
      expect(oneLine(text)).toContain(nfc('- Lê Thị Ngọc Ánh (Không đồng ý): Chưa rõ nguồn kinh phí'));
    });
  });
});
