import { randomBytes, randomUUID } from 'node:crypto';
import { AuditService } from '#audit';
import type { DelegateEntity } from '#delegates';
import { MeetingEntity } from '#meetings';
import {
  BallotMode,
  evaluateMotion,
  formatRule,
  MOTION_OPTIONS,
  MotionOptionCode,
  parseRule,
  PollEntity,
  PollKind,
  PollOptionEntity,
  PollParticipationEntity,
  PollStatus,
  SecretBallotEntity,
  VoteChannel,
} from '#voting';
import { createBody, createMeeting } from './factories/registry.factory.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

/** The poll tables the casting use cases will build on: constraints hold in the database, secret ballots stay unlinkable. */
describe('voting tables', () => {
  let t: TestApp;
  let delegates: DelegateEntity[];
  let meeting: MeetingEntity;

  const errorCode = async (p: Promise<unknown>): Promise<string | undefined> =>
    p.then(
      () => undefined,
      (err: { driverError?: { code?: string }; code?: string }) => err.driverError?.code ?? err.code,
    );

  async function motion(overrides: Partial<PollEntity> = {}): Promise<{ poll: PollEntity; options: PollOptionEntity[] }> {
    const poll = await t.dataSource.getRepository(PollEntity).save({
      meetingId: meeting.id,
      agendaItemId: null,
      kind: PollKind.Motion,
      ballotMode: BallotMode.Secret,
      title: 'Thông qua Tờ trình về Kế hoạch đầu tư công năm 2027',
      rule: parseRule('peoples_committee'),
      ...overrides,
    });
    const options = await t.dataSource.getRepository(PollOptionEntity).save(MOTION_OPTIONS.map((o) => ({ pollId: poll.id, position: o.position, label: o.label, code: o.code })));
    return { poll, options };
  }

  beforeAll(async () => {
    t = await startTestApp();
    const created = await createBody(t.dataSource, 15);
    delegates = created.delegates;
    ({ meeting } = await createMeeting(t.dataSource, created.body.id, delegates));
  });
  afterAll(async () => {
    await t.close();
  });

  it('casts secret ballots with participation, audit and a rule evaluation, in one transaction per ballot', async () => {
    const { poll, options } = await motion();
    const byCode = new Map(options.map((o) => [o.code, o.id]));
    await t.dataSource.getRepository(PollEntity).update(poll.id, { status: PollStatus.Open, openedAt: new Date(), membersCount: 15, presentCount: 14, eligibleCount: 14 });
    const votes: MotionOptionCode[] = [...Array(9).fill(MotionOptionCode.For), ...Array(4).fill(MotionOptionCode.Against), MotionOptionCode.Abstain];
    const audit = t.app.get(AuditService);
    const receipts: string[] = [];
    await Promise.all(
      votes.map((code, i) =>
        t.dataSource.transaction(async (em) => {
          await em.getRepository(PollParticipationEntity).insert({ pollId: poll.id, delegateId: delegates[i].id, actingDelegateId: null, ballotKey: randomUUID(), channel: i % 3 === 0 ? VoteChannel.Online : VoteChannel.Hall });
          receipts.push(randomBytes(8).toString('base64url'));
          await em.getRepository(SecretBallotEntity).insert({ pollId: poll.id, choices: [byCode.get(code) as string] });
        }),
      ),
    );
    // secret ballots enter the audit chain in one batch at close, sorted by receipt, without any voter identity
    await audit.appendMany(
      receipts.sort().map((r) => ({ action: 'ballot.accepted', entityType: 'ballot', entityId: r, actorId: null, meetingId: meeting.id, payload: { pollId: poll.id } })),
    );
    const rows = await t.dataSource.query<{ code: MotionOptionCode; n: string }[]>(
      `SELECT o.code, count(b.id) AS n FROM poll_options o LEFT JOIN secret_ballots b ON b.poll_id = o.poll_id AND b.choices ? o.id::text WHERE o.poll_id = $1 GROUP BY o.code`,
      [poll.id],
    );
    const count = (c: MotionOptionCode): number => Number(rows.find((r) => r.code === c)?.n ?? 0);
    const result = evaluateMotion({
      members: 15,
      present: 14,
      counts: { for: count(MotionOptionCode.For), against: count(MotionOptionCode.Against), abstain: count(MotionOptionCode.Abstain) },
      rule: parseRule(formatRule(poll.rule)),
    });
    expect(result).toMatchObject({ outcome: 'adopted', forVotes: 9, required: 8, quorumMet: true });
    await t.dataSource.getRepository(PollEntity).update(poll.id, { status: PollStatus.Published, closedAt: new Date(), publishedAt: new Date(), result: { ...result } });
    await expect(audit.verify()).resolves.toMatchObject({ ok: true, rows: 14 });
  });

  it('secret_ballots has nothing that links or orders a ballot to its voter', async () => {
    const cols = await t.dataSource.query<{ column_name: string; data_type: string }[]>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'secret_ballots' ORDER BY column_name`,
    );
    expect(cols.map((c) => c.column_name)).toEqual(['choices', 'id', 'poll_id']);
    expect(cols.find((c) => c.column_name === 'id')?.data_type).toBe('uuid');
  });

  it('the database enforces one ballot per delegate per poll, unique ballot ids and the poll invariants', async () => {
    const { poll } = await motion();
    const participation = t.dataSource.getRepository(PollParticipationEntity);
    const ballotId = randomUUID();
    await participation.insert({ pollId: poll.id, delegateId: delegates[0].id, ballotKey: ballotId, channel: VoteChannel.Hall, actingDelegateId: null });
    expect(await errorCode(participation.insert({ pollId: poll.id, delegateId: delegates[0].id, ballotKey: randomUUID(), channel: VoteChannel.Hall, actingDelegateId: null }))).toBe('23505');
    expect(await errorCode(participation.insert({ pollId: poll.id, delegateId: delegates[1].id, ballotKey: ballotId, channel: VoteChannel.Hall, actingDelegateId: null }))).toBe('23505');
    const polls = t.dataSource.getRepository(PollEntity);
    // open without frozen counts, a motion with two choices, an election without seats, members < present
    expect(await errorCode(polls.update(poll.id, { status: PollStatus.Open }))).toBe('23514');
    expect(await errorCode(polls.update(poll.id, { maxChoices: 2 }))).toBe('23514');
    expect(await errorCode(polls.update(poll.id, { kind: PollKind.Election }))).toBe('23514');
    expect(await errorCode(polls.update(poll.id, { status: PollStatus.Open, openedAt: new Date(), membersCount: 5, presentCount: 6, eligibleCount: 6 }))).toBe('23514');
    expect(await errorCode(polls.update(poll.id, { countdownSeconds: 1 }))).toBe('23514');
    expect(await errorCode(t.dataSource.getRepository(PollOptionEntity).insert({ pollId: poll.id, position: 4, label: 'Tán thành 2', code: MotionOptionCode.For }))).toBe('23505');
    expect(await errorCode(t.dataSource.getRepository(SecretBallotEntity).insert({ pollId: poll.id, choices: {} as unknown as string[] }))).toBe('23514');
    // a meeting that has polls cannot be deleted
    expect(await errorCode(t.dataSource.getRepository(MeetingEntity).delete(meeting.id))).toBe('23503');
  });
});
