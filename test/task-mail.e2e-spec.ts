import { SMTPServer } from 'smtp-server';
import type { AssignmentsServerEvents, ConclusionView, TaskView } from '#assignments';
import { AssignmentTaskEntity, REMINDER_MAIL_ATTEMPTS, TasksScheduler } from '#assignments';
import { Clock, Role } from '#core';
import { DelegateEntity } from '#delegates';
import { MeetingStatus } from '#meetings';
import { createUnit } from './factories/assignments.factory.js';
import { createBody, createMeeting } from './factories/registry.factory.js';
import { clientAs } from './factories/user.factory.js';
import type { HttpClient } from './utils/http.js';
import { connectSocket, nextEvent, type TestSocket } from './utils/socket.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

interface Received {
  rcptTo: string[];
  headers: Map<string, string>;
  body: string;
}

/** RFC 2047 encoded words (=?UTF-8?Q|B?...?=) to text. */
function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : qpBytes(data.replace(/_/g, ' ')).toString('utf8'),
  );
}

function qpBytes(s: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i], 'utf8'));
  }
  return Buffer.from(bytes);
}

/** A single-part text message as received on the wire: unfolded headers and the decoded body. */
function parseMessage(raw: string, rcptTo: string[]): Received {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoded = raw.slice(split + 4);
  const cte = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const body =
    cte === 'base64' ? Buffer.from(encoded.replace(/\s+/g, ''), 'base64').toString('utf8') : cte === 'quoted-printable' ? qpBytes(encoded.replace(/=\r\n/g, '')).toString('utf8') : encoded;
  return { rcptTo, headers, body };
}

/** A real SMTP server on loopback that keeps every message it accepts. */
async function startSmtp(port = 0, received: Received[] = []): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push(parseMessage(Buffer.concat(chunks).toString('latin1'), session.envelope.rcptTo.map((r) => r.address)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { server, port: (server.server.address() as { port: number }).port, received };
}

const stopSmtp = (server: SMTPServer): Promise<void> => (server.server.listening ? new Promise((resolve) => server.close(() => resolve())) : Promise.resolve());

/** The deadline as a person in Hanoi reads it, computed with ICU (independently of the mailer's formatter). */
function hanoiTime(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.hour}:${parts.minute} ${parts.day}/${parts.month}/${parts.year}`;
}

describe('task reminders by email (SMTP_URL set, real SMTP server)', () => {
  const DAY = 86_400_000;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  let secretary: HttpClient;
  let socket: TestSocket<AssignmentsServerEvents>;
  let tasksUrl: string;
  let leadUnitId: string;
  let coopUnitId: string;
  let leadPeople: DelegateEntity[];
  let coopPerson: DelegateEntity;
  const tick = (): Promise<{ overdue: number; reminded: number; mailed: number }> => t.app.get(TasksScheduler).run();
  const deadlineIn = (days: number): string => new Date(t.app.get(Clock).now().getTime() + days * DAY).toISOString();
  const row = (id: string): Promise<AssignmentTaskEntity> => t.dataSource.getRepository(AssignmentTaskEntity).findOneByOrFail({ id });

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ SCHEDULER_INTERVAL_SECONDS: '0', TASK_REMINDER_DAYS_BEFORE: '3', SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'Văn phòng UBND <vanphong@dienhong.local>' });
    const made = await createBody(t.dataSource, 4);
    const repo = t.dataSource.getRepository(DelegateEntity);
    // two lead-unit people with an address, one without; the cooperating unit's person has one too
    await repo.update({ id: made.delegates[2].id }, { email: null });
    made.delegates[2].email = null;
    leadPeople = made.delegates.slice(0, 3);
    coopPerson = made.delegates[3];
    const m = await createMeeting(t.dataSource, made.body.id, made.delegates, { status: MeetingStatus.InSession }, 1);
    leadUnitId = (await createUnit(t.dataSource, { name: 'Sở Kế hoạch và Đầu tư' }, leadPeople.map((d) => d.id))).id;
    coopUnitId = (await createUnit(t.dataSource, { name: 'Sở Tài chính' }, [coopPerson.id])).id;
    secretary = (await clientAs(t.dataSource, t.url, Role.Secretary)).http;
    const leadLogin = (await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: leadPeople[0].id })).http;
    socket = await connectSocket<AssignmentsServerEvents>(t.url, (leadLogin as unknown as { token: string }).token);
    const conclusion = (await secretary.post<ConclusionView>(`/api/meetings/${m.meeting.id}/conclusions`, { agendaItemId: m.agendaItems[0].id, text: 'Giao các Sở triển khai.' })).body;
    tasksUrl = `/api/meetings/${m.meeting.id}/conclusions/${conclusion.id}/tasks`;
  });
  afterAll(async () => {
    socket.close();
    await t.close();
    await stopSmtp(smtp.server);
  });

  it('mails each lead-unit person with an address once, N days before the deadline; never the cooperating unit; an extension re-arms it', async () => {
    const title = 'Hoàn thiện Đề án chuyển đổi số năm 2027';
    const task = (
      await secretary.post<TaskView>(tasksUrl, { title, leadUnitId, cooperatingUnitIds: [coopUnitId], deadline: deadlineIn(10), expectedOutput: 'Tờ trình UBND Thành phố' })
    ).body;
    expect(await tick()).toMatchObject({ reminded: 0, mailed: 0 });
    expect(smtp.received).toHaveLength(0);

    t.app.get(Clock).advance(8 * DAY);
    const inApp = nextEvent<AssignmentsServerEvents['task:reminder']>(socket, 'task:reminder');
    expect(await tick()).toMatchObject({ reminded: 1, mailed: 1 });
    expect(await inApp).toMatchObject({ taskId: task.id, daysLeft: 2 });

    const withEmail = leadPeople.filter((p) => p.email !== null);
    expect(smtp.received.map((m) => m.rcptTo)).toEqual(expect.arrayContaining(withEmail.map((p) => [p.email])));
    expect(smtp.received).toHaveLength(2);
    for (const m of smtp.received) {
      const person = withEmail.find((p) => p.email === m.rcptTo[0])!;
      expect(decodeWords(m.headers.get('to')!)).toContain(`<${person.email}>`);
      expect(decodeWords(m.headers.get('to')!)).toContain(person.fullName);
      expect(decodeWords(m.headers.get('from')!)).toBe('Văn phòng UBND <vanphong@dienhong.local>');
      expect(decodeWords(m.headers.get('subject')!)).toBe(`Nhắc hạn nhiệm vụ: ${title}`);
      expect(m.body).toContain(`Kính gửi ${person.fullName},`);
      expect(m.body).toContain(`Nhiệm vụ: ${title}`);
      expect(m.body).toContain(`Hạn hoàn thành: ${hanoiTime(task.deadline)}`);
      expect(m.body).toContain('Cơ quan chủ trì: Sở Kế hoạch và Đầu tư');
      expect(m.body).toContain('Sản phẩm đầu ra: Tờ trình UBND Thành phố');
      expect(m.body).toContain('English: reminder');
    }
    const all = smtp.received.flatMap((m) => [...m.rcptTo, m.headers.get('to'), m.headers.get('cc') ?? '']).join(' ');
    expect(all).not.toContain(coopPerson.email!);

    expect(await tick()).toMatchObject({ reminded: 0, mailed: 0 });
    expect(smtp.received).toHaveLength(2);
    expect(await row(task.id)).toMatchObject({ reminderMailAttempts: 1, reminderMailedAt: expect.any(Date) });

    // a deadline extension re-arms the email with the in-app reminder: mailed again N days before the new deadline
    const extended = await secretary.patch<TaskView>(`/api/tasks/${task.id}`, { deadline: deadlineIn(10) });
    expect(extended.status).toBe(200);
    expect(await row(task.id)).toMatchObject({ reminderSentAt: null, reminderMailAttempts: 0, reminderMailedAt: null });
    expect(await tick()).toMatchObject({ reminded: 0, mailed: 0 });
    t.app.get(Clock).advance(8 * DAY);
    expect(await tick()).toMatchObject({ reminded: 1, mailed: 1 });
    expect(smtp.received).toHaveLength(4);
    expect(smtp.received.slice(2).every((m) => m.body.includes(`Hạn hoàn thành: ${hanoiTime(extended.body.deadline)}`))).toBe(true);
  });

  it('with the SMTP server down the tick still sends the in-app reminder; the email is retried on later ticks, a bounded number of times', async () => {
    await stopSmtp(smtp.server);
    const task = (await secretary.post<TaskView>(tasksUrl, { title: 'Báo cáo giải ngân vốn đầu tư công', leadUnitId, deadline: deadlineIn(2) })).body;
    const inApp = nextEvent<AssignmentsServerEvents['task:reminder']>(socket, 'task:reminder');
    expect(await tick()).toMatchObject({ reminded: 1, mailed: 0 });
    expect(await inApp).toMatchObject({ taskId: task.id });
    expect(await row(task.id)).toMatchObject({ reminderSentAt: expect.any(Date), reminderMailedAt: null, reminderMailAttempts: 1 });

    // the server is back: the next tick delivers the email, without a second in-app reminder
    const before = smtp.received.length;
    smtp = await startSmtp(smtp.port, smtp.received);
    const reminders: string[] = [];
    const onReminder = (n: AssignmentsServerEvents['task:reminder']): void => void reminders.push(n.taskId);
    socket.on('task:reminder', onReminder);
    expect(await tick()).toMatchObject({ reminded: 0, mailed: 1 });
    expect(await row(task.id)).toMatchObject({ reminderMailAttempts: 2, reminderMailedAt: expect.any(Date) });
    expect(smtp.received.slice(before).map((m) => m.rcptTo[0]).sort()).toEqual(leadPeople.flatMap((p) => (p.email ? [p.email] : [])).sort());
    expect(smtp.received.slice(before).every((m) => decodeWords(m.headers.get('subject')!) === 'Nhắc hạn nhiệm vụ: Báo cáo giải ngân vốn đầu tư công')).toBe(true);
    expect(await tick()).toMatchObject({ reminded: 0, mailed: 0 });

    // a server that stays down: tried REMINDER_MAIL_ATTEMPTS times, then left alone
    await stopSmtp(smtp.server);
    const doomed = (await secretary.post<TaskView>(tasksUrl, { title: 'Nhiệm vụ gửi thư lỗi', leadUnitId, deadline: deadlineIn(2) })).body;
    for (let i = 0; i < REMINDER_MAIL_ATTEMPTS + 2; i++) await expect(tick()).resolves.toMatchObject({ mailed: 0 });
    expect(await row(doomed.id)).toMatchObject({ reminderSentAt: expect.any(Date), reminderMailedAt: null, reminderMailAttempts: REMINDER_MAIL_ATTEMPTS });
    expect(await row(task.id)).toMatchObject({ reminderMailAttempts: 2 });
    // socket.io keeps order per connection; the doomed task's one in-app reminder is all that arrived
    t.app.get(Clock).advance(3 * DAY);
    const overdue = nextEvent<AssignmentsServerEvents['task:overdue']>(socket, 'task:overdue');
    expect((await tick()).overdue).toBe(3); // both tasks here and the first test's
    await overdue;
    socket.off('task:reminder', onReminder);
    expect(reminders).toEqual([doomed.id]);
  });
});
