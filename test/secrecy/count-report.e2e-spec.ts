import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '#core';
import type { PollView } from '#voting';
import { createCa, createIdentity, p12Of } from '../factories/pki.factory.js';
import { clientAs } from '../factories/user.factory.js';
import { createVotingMeeting, type VotingFixture } from '../factories/voting.factory.js';
import { pdfText } from '../utils/documents.js';
import type { ErrorShape, HttpClient } from '../utils/http.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const oneLine = (s: string): string => s.normalize('NFC').replace(/\s*\n\s*/g, ' ');

/** The counting committee and its count report (biên bản kiểm phiếu): designation, the count, confirmations, the PDF. */
describe('counting committee and count report', () => {
  let t: TestApp;
  let f: VotingFixture;
  let secretary: HttpClient;
  let confirmedPollId = '';
  let electionPollId = '';

  beforeAll(async () => {
    t = await startTestApp();
    f = await createVotingMeeting(t, { members: 9, present: 8, voters: 8 });
    secretary = (await clientAs(t.dataSource, t.url, Role.Secretary)).http;
  });
  afterAll(() => t?.close());

  const pdf = async (http: HttpClient, pollId: string): Promise<{ status: number; text: string }> => {
    const res = await http.get<Buffer>(`/api/polls/${pollId}/exports/count-report.pdf`);
    return { status: res.status, text: res.status === 200 ? oneLine(await pdfText(res.body)) : '' };
  };

  async function runPoll(body: Record<string, unknown>, picks: (poll: PollView) => string[][]): Promise<PollView> {
    const poll = (await secretary.post<PollView>(`/api/meetings/${f.meeting.id}/polls`, body)).body;
    const committee = await secretary.put<{ members: { fullName: string; role: string }[] }>(`/api/polls/${poll.id}/committee`, {
      headDelegateId: f.delegates[0].id,
      memberDelegateIds: [f.delegates[1].id, f.delegates[2].id],
    });
    expect(committee.status).toBe(200);
    expect(committee.body.members.map((m) => m.role)).toEqual(['head', 'member', 'member']);
    expect((await secretary.post(`/api/polls/${poll.id}/open`)).status).toBe(200);
    const ballots = picks(poll);
    for (const [i, choices] of ballots.entries()) expect((await f.voters[i].http.post(`/api/polls/${poll.id}/ballots`, { ballotId: randomUUID(), choices })).status).toBe(200);
    expect((await secretary.post(`/api/polls/${poll.id}/close`)).status).toBe(200);
    return poll;
  }

  it('writes, confirms and prints the report of a secret choice poll', async () => {
    const poll = await runPoll({ kind: 'choice', ballotMode: 'secret', title: 'Chọn phương án xây trường', options: [{ label: 'Phương án A' }, { label: 'Phương án B' }], maxChoices: 1, rule: 'present>1/2;quorum>=2/3;tie=fails' }, (p) => [
      [p.options[0].id],
      [p.options[0].id],
      [p.options[0].id],
      [p.options[0].id],
      [p.options[0].id],
      [p.options[1].id],
      [],
    ]);
    // an outsider to the committee cannot confirm; a member can, and the report is final once all three did
    expect((await f.voters[5].http.post<ErrorShape>(`/api/polls/${poll.id}/count/confirm`)).body.error.code).toBe('NOT_COMMITTEE_MEMBER');
    for (const i of [0, 1]) expect((await f.voters[i].http.post(`/api/polls/${poll.id}/count/confirm`)).status).toBe(200);
    const before = await pdf(secretary, poll.id);
    expect(before.text).toContain('Biên bản chưa được toàn bộ Ban kiểm phiếu xác nhận');
    const last = await f.voters[2].http.post<{ report: { finalisedAt: string | null; sha256: string } }>(`/api/polls/${poll.id}/count/confirm`);
    confirmedPollId = poll.id;
    expect(last.body.report.finalisedAt).not.toBeNull();
    const chained = await t.dataSource.query<{ action: string; payload: { sha256?: string } }[]>(
      `SELECT action, payload FROM audit_log WHERE entity_id = $1 AND action LIKE 'count_report.%' ORDER BY seq`,
      [poll.id],
    );
    expect(chained.map((e) => e.action)).toEqual(['count_report.written', 'count_report.confirmed', 'count_report.confirmed', 'count_report.confirmed', 'count_report.final']);
    expect(new Set(chained.map((e) => e.payload.sha256))).toEqual(new Set([last.body.report.sha256]));

    const { status, text } = await pdf(secretary, poll.id);
    expect(status).toBe(200);
    for (const s of [
      'BIÊN BẢN KIỂM PHIẾU',
      'Chọn phương án xây trường',
      'Tổng số thành viên: 9',
      'Số phiếu phát ra: 8',
      'Số phiếu thu vào: 7',
      'Số phiếu hợp lệ: 7',
      'Số phiếu không hợp lệ: 0',
      'Số phiếu trống: 1',
      '55,56%',
      '71,43%',
      f.delegates[0].fullName,
      'Trưởng ban',
      last.body.report.sha256,
      'Biên bản đã được toàn bộ Ban kiểm phiếu xác nhận',
    ]) expect({ s, found: text.includes(s.normalize('NFC')) }).toEqual({ s, found: true });
    // the committee member may download it; a delegate outside the committee may not
    expect((await pdf(f.voters[1].http, poll.id)).status).toBe(200);
    expect((await pdf(f.voters[6].http, poll.id)).status).toBe(403);
  });

  it('prints the report of a secret election with the winners and the rule in words', async () => {
    const poll = await runPoll(
      { kind: 'election', ballotMode: 'secret', title: 'Bầu Phó Chủ tịch', seats: 1, options: [{ label: 'Nguyễn Văn Ứng' }, { label: 'Trần Thị Cử' }], rule: 'members>1/2;quorum>=2/3;tie=fails' },
      (p) => [[p.options[0].id], [p.options[0].id], [p.options[0].id], [p.options[0].id], [p.options[0].id], [p.options[1].id], [p.options[1].id]],
    );
    electionPollId = poll.id;
    const { status, text } = await pdf(secretary, poll.id);
    expect(status).toBe(200);
    for (const s of ['BIÊN BẢN KIỂM PHIẾU', 'Bầu Phó Chủ tịch', 'Bầu cử', 'Nguyễn Văn Ứng', 'Trần Thị Cử', 'quá một phần hai (1/2) tổng số thành viên', 'Trúng cử / được chọn: Nguyễn Văn Ứng', 'Số phiếu thu vào: 7']) {
      expect({ s, found: text.includes(s.normalize('NFC')) }).toEqual({ s, found: true });
    }
    // the minutes carry the count report section
    const draft = await secretary.post<{ content: { sections: { heading: string; body: string }[] } }>(`/api/meetings/${f.meeting.id}/minutes/draft`);
    const section = draft.body.content.sections.find((s) => s.heading.includes('KIỂM PHIẾU'));
    expect(section?.body).toContain('Bầu Phó Chủ tịch');
    expect(section?.body).toContain(f.delegates[0].fullName);
  });

  it('registers the confirmed report in the official format and each committee member signs it; pdfsig agrees', async () => {
    interface DocView { id: string; numberText: string; slots: { key: string; userId: string; fullName: string; signedAt: string | null }[] }
    // not before every member confirmed (the election's committee has not)
    const early = await secretary.post<ErrorShape>(`/api/polls/${electionPollId}/count-report/document`);
    expect([early.status, early.body.error.code]).toEqual([400, 'COMMITTEE_INVALID']);
    expect((await f.voters[0].http.post<ErrorShape>(`/api/polls/${confirmedPollId}/count-report/document`)).status).toBe(403);

    // before registration: nothing, for staff and members alike
    const none = await secretary.get<{ document: DocView | null }>(`/api/polls/${confirmedPollId}/count-report/document`);
    expect([none.status, none.body]).toEqual([200, { document: null }]);
    const issued = await secretary.post<DocView>(`/api/polls/${confirmedPollId}/count-report/document`);
    expect(issued.status).toBe(200);
    const doc = issued.body;
    expect(doc.numberText).toMatch(/\/BB-/);
    expect(doc.slots.map((s) => [s.key, s.userId])).toEqual([
      ['head', f.voters[0].userId],
      ['member-2', f.voters[1].userId],
      ['member-3', f.voters[2].userId],
    ]);
    expect((await f.voters[1].http.get<{ document: DocView }>(`/api/polls/${confirmedPollId}/count-report/document`)).body.document.id).toBe(doc.id);

    // each member signs their own block with their own key (PKCS#12 uploaded by the administrator)
    const admin = (await clientAs(t.dataSource, t.url, Role.Admin)).http;
    const ca = createCa();
    const password = 'mật-khẩu-kiểm-phiếu';
    for (const i of [0, 1, 2]) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(p12Of(createIdentity(ca, f.delegates[i].fullName), ca, password))]), 'member.p12');
      form.append('password', password);
      expect((await admin.put(`/api/signatures/signers/${f.voters[i].userId}/p12`, form)).status).toBe(200);
    }
    const notYours = await f.voters[1].http.post<ErrorShape>(`/api/documents/${doc.id}/sign`, { slot: 'head', pin: password });
    expect(notYours.body.error.code).toBe('SLOT_NOT_YOURS');
    for (const [i, slot] of (['head', 'member-2', 'member-3'] as const).entries()) expect((await f.voters[i].http.post(`/api/documents/${doc.id}/sign`, { slot, pin: password })).status).toBe(200);

    const signed = (await secretary.get<Buffer>(`/api/documents/${doc.id}/file.pdf`)).body;
    const dir = mkdtempSync(join(tmpdir(), 'dh-count-sign-'));
    try {
      writeFileSync(join(dir, 'report.pdf'), signed);
      const out = spawnSync('pdfsig', ['-nocert', join(dir, 'report.pdf')], { encoding: 'utf8' }).stdout;
      const sigs = out.split(/Signature #\d+:/).slice(1);
      expect(sigs).toHaveLength(3);
      for (const sig of sigs) expect(sig).toContain('Signature Validation: Signature is Valid.');
      expect(sigs[2]).toContain('Total document signed');
      for (const [i, sig] of sigs.entries()) expect(sig).toContain(`Common Name: ${f.delegates[i].fullName}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const text = oneLine(await pdfText(signed));
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', doc.numberText, 'BIÊN BẢN KIỂM PHIẾU', 'TRƯỞNG BAN KIỂM PHIẾU', 'THÀNH VIÊN BAN KIỂM PHIẾU', f.delegates[0].fullName, f.delegates[2].fullName]) {
      expect({ s, found: text.includes(s.normalize('NFC')) }).toEqual({ s, found: true });
    }
  }, 120_000);

  it('refuses a committee for a named poll and members not invited', async () => {
    const named = (await secretary.post<PollView>(`/api/meetings/${f.meeting.id}/polls`, { kind: 'motion', ballotMode: 'named', title: 'Biểu quyết công khai' })).body;
    const res = await secretary.put<ErrorShape>(`/api/polls/${named.id}/committee`, { headDelegateId: f.delegates[0].id, memberDelegateIds: [] });
    expect(res.body.error.code).toBe('COMMITTEE_INVALID');
    const secret = (await secretary.post<PollView>(`/api/meetings/${f.meeting.id}/polls`, { kind: 'motion', ballotMode: 'secret', title: 'Kín' })).body;
    const stranger = await secretary.put<ErrorShape>(`/api/polls/${secret.id}/committee`, { headDelegateId: randomUUID(), memberDelegateIds: [] });
    expect(stranger.body.error.code).toBe('COMMITTEE_INVALID');
  });
});
