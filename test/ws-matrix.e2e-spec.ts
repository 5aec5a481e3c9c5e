import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { Role } from '#core';
import { MeetingStatus } from '#meetings';
import { clientAs } from './factories/user.factory.js';
import { createVotingMeeting, motionBody, tokenOf } from './factories/voting.factory.js';
import { createDelegate } from './factories/registry.factory.js';
import { connectSocket, emitAck, refusedConnection, type TestSocket } from './utils/socket.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

type Who = 'admin' | 'secretary' | 'chair' | 'delegate' | 'outsider' | 'observer';
/** 'ok', or the error code the ack must carry. */
type Outcome = 'ok' | string;

/**
 * Every socket.io event of the main namespace, for every kind of caller: a delegate invited to the meeting and
 * checked in, a delegate who is not invited (outsider), staff and observer accounts without a delegate record.
 * Anonymous sockets never get this far (refused at connection). The test fails when a gateway adds an event
 * that is not in this table.
 */
const WS_ACCESS: Record<string, Record<Who, Outcome>> = {
  'meeting:join': { admin: 'ok', secretary: 'ok', chair: 'ok', delegate: 'ok', outsider: 'NOT_FOUND', observer: 'ok' },
  'meeting:leave': { admin: 'ok', secretary: 'ok', chair: 'ok', delegate: 'ok', outsider: 'ok', observer: 'ok' },
  'poll:state': { admin: 'ok', secretary: 'ok', chair: 'ok', delegate: 'ok', outsider: 'NOT_FOUND', observer: 'ok' },
  // the cast batch's SQL decides: no invitation and no sight of the meeting is NOT_FOUND, as from every route
  'vote:cast': { admin: 'NOT_ELIGIBLE', secretary: 'NOT_ELIGIBLE', chair: 'NOT_ELIGIBLE', delegate: 'ok', outsider: 'NOT_FOUND', observer: 'NOT_ELIGIBLE' },
  'hand:raise': { admin: 'NOT_A_DELEGATE', secretary: 'NOT_A_DELEGATE', chair: 'NOT_A_DELEGATE', delegate: 'ok', outsider: 'NOT_FOUND', observer: 'NOT_A_DELEGATE' },
  // a meeting the caller may not see is NOT_FOUND for every event (MeetingAccess), lowering a hand included
  'hand:lower': { admin: 'NOT_A_DELEGATE', secretary: 'NOT_A_DELEGATE', chair: 'NOT_A_DELEGATE', delegate: 'ok', outsider: 'NOT_FOUND', observer: 'NOT_A_DELEGATE' },
};
/** Events of the /kiosk namespace: a kiosk token only, never a user's token (tested below). */
const KIOSK_EVENTS = ['checkin:frame'];

/** Every @SubscribeMessage('...') and socket `.on('area:event', ...)` listener in the libraries' sources. */
function declaredEvents(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...declaredEvents(path));
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) {
      const source = readFileSync(path, 'utf8');
      for (const m of source.matchAll(/@SubscribeMessage\('([^']+)'\)/g)) found.push(m[1]);
      // listeners bound on the socket without Nest (the vote:cast burst path)
      for (const m of source.matchAll(/\.on\('([a-z]+:[a-z:]+)',/g)) found.push(m[1]);
    }
  }
  return found;
}

describe('WS event x role matrix', () => {
  let t: TestApp;
  const sockets = new Map<Who, TestSocket>();
  let meetingId: string;
  let pollId: string;
  let forId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const fx = await createVotingMeeting(t, { members: 3, present: 3, voters: 1 });
    meetingId = fx.meeting.id;
    const outsiderDelegate = await createDelegate(t.dataSource);
    const users: Record<Who, { role: Role; delegateId: string | null }> = {
      admin: { role: Role.Admin, delegateId: null },
      secretary: { role: Role.Secretary, delegateId: null },
      chair: { role: Role.Chair, delegateId: null },
      delegate: { role: Role.Delegate, delegateId: fx.voters[0].delegate.id },
      outsider: { role: Role.Delegate, delegateId: outsiderDelegate.id },
      observer: { role: Role.Observer, delegateId: null },
    };
    for (const [who, u] of Object.entries(users) as [Who, (typeof users)[Who]][]) {
      const { http } = who === 'delegate' ? { http: fx.voters[0].http } : await clientAs(t.dataSource, t.url, u.role, { delegateId: u.delegateId });
      sockets.set(who, await connectSocket(t.url, tokenOf(http)));
    }
    const secretary = (await clientAs(t.dataSource, t.url, Role.Secretary)).http;
    const poll = await secretary.post<{ id: string; options: { id: string; code: string }[] }>(`/api/meetings/${meetingId}/polls`, motionBody());
    pollId = poll.body.id;
    forId = poll.body.options.find((o) => o.code === 'for')!.id;
    expect((await secretary.post(`/api/polls/${pollId}/open`)).status).toBe(200);
    expect(fx.meeting.status).toBe(MeetingStatus.InSession);
  });
  afterAll(async () => {
    for (const s of sockets.values()) s.close();
    await t?.close();
  });

  it('lists every event the gateways declare', () => {
    const declared = declaredEvents('libs').filter((e) => !KIOSK_EVENTS.includes(e)).sort();
    expect(declared).toEqual(Object.keys(WS_ACCESS).sort());
  });

  it('refuses anonymous sockets and user tokens on the kiosk namespace', async () => {
    expect((await refusedConnection(t.url)).data?.code).toBe('UNAUTHENTICATED');
    const s = io(`${t.url}/kiosk`, { auth: { token: randomUUID(), meetingId }, transports: ['websocket'], reconnection: false, forceNew: true });
    const refused = await new Promise<{ data?: { code: string } }>((resolve) => s.once('connect_error', (e: Error & { data?: { code: string } }) => resolve(e)));
    s.close();
    expect(refused.data?.code).toBe('KIOSK_TOKEN_INVALID');
  });

  const payload = (event: string): unknown => {
    if (event === 'vote:cast') return { pollId, ballotId: randomUUID(), choices: [forId] };
    return { meetingId };
  };

  it.each(Object.keys(WS_ACCESS))('%s answers each kind of caller as the table says', async (event) => {
    const seen: Record<string, Outcome> = {};
    for (const [who, socket] of sockets) {
      const ack = await emitAck<{ ok: boolean; error?: { code: string } }>(socket, event, payload(event));
      seen[who] = ack.ok ? 'ok' : (ack.error?.code ?? 'NO_CODE');
    }
    expect(seen).toEqual(WS_ACCESS[event]);
  });
});
