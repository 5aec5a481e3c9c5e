import { randomUUID } from 'node:crypto';
import { Role } from '#core';
import type { PollView } from '#voting';
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

  it('refuses a committee for a named poll and members not invited', async () => {
    const named = (await secretary.post<PollView>(`/api/meetings/${f.meeting.id}/polls`, { kind: 'motion', ballotMode: 'named', title: 'Biểu quyết công khai' })).body;
    const res = await secretary.put<ErrorShape>(`/api/polls/${named.id}/committee`, { headDelegateId: f.delegates[0].id, memberDelegateIds: [] });
    expect(res.body.error.code).toBe('COMMITTEE_INVALID');
    const secret = (await secretary.post<PollView>(`/api/meetings/${f.meeting.id}/polls`, { kind: 'motion', ballotMode: 'secret', title: 'Kín' })).body;
    const stranger = await secretary.put<ErrorShape>(`/api/polls/${secret.id}/committee`, { headDelegateId: randomUUID(), memberDelegateIds: [] });
    expect(stranger.body.error.code).toBe('COMMITTEE_INVALID');
  });
});
