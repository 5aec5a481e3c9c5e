import { randomUUID } from 'node:crypto';
import { ALL_ROLES, Role } from '#core';
import { FakeLiveKitTwirpServer } from './conference/fake-livekit-twirp.server.js';
import { minimalPdf } from './factories/pdf.factory.js';
import { createDelegate } from './factories/registry.factory.js';
import { clientAs } from './factories/user.factory.js';
import { choiceBody, createVotingMeeting, motionBody, tokenOf } from './factories/voting.factory.js';
import { ROUTE_ACCESS } from './route-matrix.table.js';
import type { HttpClient, ErrorShape } from './utils/http.js';
import { connectSocket, emitAck, type TestSocket } from './utils/socket.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

/**
 * Route x role x "invited or not", with real ids (a meeting in session with an open poll, an agenda item, a
 * document, an opinion, a speaker request, a kiosk and a conclusion), so every handler runs past the role check.
 * One policy (MeetingAccess): a meeting the caller may not see answers 404 NOT_FOUND, as if it did not exist.
 * - a delegate who is NOT invited gets 404 from every meeting-scoped route their role may call (never 2xx),
 *   and the role's 403 from the others;
 * - a delegate who is invited never gets 404 from a route their role may call;
 * - staff and observers (no invitation: they see every meeting that is not a draft) never get 404 from a GET.
 * The same holds for every meeting-scoped socket event (NOT_FOUND in the ack).
 */

/** Meeting-scoped: the path names the meeting (:id of /meetings), a poll of it (:id of /polls) or its registered minutes (:id of /documents). */
const MEETING_SCOPED = /^[A-Z]+ \/api\/(meetings|polls|documents)\/:id(\/|$)/;
const ROLE_DENIED = /needs one of the roles/;
const API_KEY = 'invited-matrix-key';
const API_SECRET = 'invited-matrix-secret-at-least-32-chars';

const meetingRoutes = Object.entries(ROUTE_ACCESS).filter(([route]) => MEETING_SCOPED.test(route));
const delegateMay = (access: (typeof ROUTE_ACCESS)[string]): boolean => access === 'any' || (Array.isArray(access) && access.includes(Role.Delegate));

describe('route x role x invited', () => {
  let t: TestApp;
  let livekit: FakeLiveKitTwirpServer;
  let invited: HttpClient;
  let outsider: HttpClient;
  const others = new Map<Role, HttpClient>();
  let params: Record<string, string>;
  let forId: string;
  const sockets: { invited?: TestSocket; outsider?: TestSocket } = {};

  beforeAll(async () => {
    livekit = new FakeLiveKitTwirpServer(API_KEY, API_SECRET);
    const url = await livekit.start();
    t = await startTestApp({ LIVEKIT_URL: url.replace('http://', 'ws://'), LIVEKIT_API_KEY: API_KEY, LIVEKIT_API_SECRET: API_SECRET, LIVEKIT_RECONCILE_INTERVAL_SECONDS: '0' });
    const fx = await createVotingMeeting(t, { members: 3, present: 3, voters: 3 });
    invited = fx.voters[0].http;
    outsider = (await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: (await createDelegate(t.dataSource)).id })).http;
    for (const role of ALL_ROLES.filter((r) => r !== Role.Delegate)) others.set(role, (await clientAs(t.dataSource, t.url, role)).http);
    const secretary = others.get(Role.Secretary)!;
    const meetingId = fx.meeting.id;

    const detail = await secretary.get<{ agenda: { id: string }[] }>(`/api/meetings/${meetingId}`);
    const poll = await secretary.post<{ id: string; options: { id: string; code: string }[] }>(`/api/meetings/${meetingId}/polls`, motionBody());
    expect((await secretary.post(`/api/polls/${poll.body.id}/open`)).status).toBe(200);
    forId = poll.body.options.find((o) => o.code === 'for')!.id;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(minimalPdf())], { type: 'application/pdf' }), 'To-trinh.pdf');
    const doc = await secretary.post<{ id: string }>(`/api/meetings/${meetingId}/documents`, form);
    const opinion = await fx.voters[1].http.post<{ id: string }>(`/api/meetings/${meetingId}/opinions`, { content: 'Ý kiến của đại biểu' });
    const hand = await fx.voters[1].http.post<{ id: string }>(`/api/meetings/${meetingId}/speakers`, {});
    const kiosk = await secretary.post<{ id: string }>(`/api/meetings/${meetingId}/kiosks`, { name: 'Cửa chính' });
    const conclusion = await secretary.post<{ id: string }>(`/api/meetings/${meetingId}/conclusions`, { text: 'Kết luận thử' });
    // a secret poll for the receipt check (a named poll has no receipts to check: 404 for everyone)
    const secret = await secretary.post<{ id: string }>(`/api/meetings/${meetingId}/polls`, choiceBody());
    for (const [what, res] of Object.entries({ poll, doc, opinion, hand, kiosk, conclusion, secret })) expect([what, res.status]).toEqual([what, 201]);
    // open: a draft poll is hidden from all but staff (404), as a draft meeting is
    expect((await secretary.post(`/api/polls/${secret.body.id}/open`)).status).toBe(200);
    // the minutes' draft, so their routes answer about the minutes rather than "no minutes yet"
    expect((await secretary.post(`/api/meetings/${meetingId}/minutes/draft`)).status).toBe(200);
    // the locked minutes registered as an official document: a document of this meeting
    expect((await secretary.post(`/api/meetings/${meetingId}/minutes/lock`)).status).toBe(200);
    const minutesDoc = await secretary.post<{ id: string }>(`/api/meetings/${meetingId}/minutes/document`, {});
    expect(minutesDoc.status).toBe(200);
    params = {
      id: meetingId,
      itemId: detail.body.agenda[0].id,
      delegateId: fx.delegates[2].id,
      docId: doc.body.id,
      opinionId: opinion.body.id,
      requestId: hand.body.id,
      kioskId: kiosk.body.id,
      conclusionId: conclusion.body.id,
      proxyId: randomUUID(),
      proposalId: randomUUID(),
      receipt: '0123456789abcdef',
    };
    // a poll route's :id is the poll's
    params.pollId = poll.body.id;
    params.secretPollId = secret.body.id;
    params.documentId = minutesDoc.body.id;
    // the sockets' invited delegate is one who has not voted over HTTP yet
    sockets.invited = await connectSocket(t.url, fx.voters[2].token);
    sockets.outsider = await connectSocket(t.url, tokenOf(outsider));
  });
  afterAll(async () => {
    sockets.invited?.close();
    sockets.outsider?.close();
    await t?.close();
    await livekit?.stop();
  });

  const fill = (route: string): string => {
    const path = route.split(' ')[1];
    return path.replace(/:(\w+)/g, (_, name: string) => {
      const poll = route.includes('/receipts/') ? params.secretPollId : params.pollId;
      const scoped: Record<string, string> = { '/api/polls/': poll, '/api/documents/': params.documentId };
      const owner = Object.keys(scoped).find((prefix) => path.startsWith(prefix));
      const value = name === 'id' && owner ? scoped[owner] : params[name];
      if (!value) throw new Error(`invited-matrix: no fixture for :${name} in ${route}`);
      return value;
    });
  };
  /** A valid body where the route takes one, so validation passes and the access check decides. */
  const bodyFor = (route: string): unknown => {
    const bodies: Record<string, () => unknown> = {
      'POST /api/polls/:id/ballots': () => ({ ballotId: randomUUID(), choices: [forId] }),
      'POST /api/meetings/:id/opinions': () => ({ content: 'Ý kiến thử' }),
      'POST /api/meetings/:id/speakers': () => ({}),
      'POST /api/polls/:id/count/share': () => ({ share: 'abcd' }),
      'POST /api/documents/:id/sign': () => ({ slot: 'chair', pin: '1234' }),
    };
    return bodies[route]?.() ?? (route.startsWith('GET ') || route.startsWith('DELETE ') ? undefined : {});
  };
  const call = (http: HttpClient, route: string) => http.request<ErrorShape>(route.split(' ')[0], fill(route), bodyFor(route));

  it('covers every meeting-scoped route', () => {
    expect(meetingRoutes.length).toBeGreaterThan(60);
    process.stdout.write(`[invited-matrix] ${meetingRoutes.length} meeting-scoped routes, ${meetingRoutes.filter(([, a]) => delegateMay(a)).length} a delegate may call\n`);
  });

  it('answers 404 to a delegate who is not invited, and never 404 to one who is', async () => {
    const failures: string[] = [];
    for (const [route, access] of meetingRoutes) {
      const out = await call(outsider, route);
      const outDenied = out.status === 403 && ROLE_DENIED.test(out.body?.error?.message ?? '');
      if (out.status >= 200 && out.status < 300) failures.push(`${route}: not invited -> ${out.status}`);
      else if (delegateMay(access) && out.status !== 404) failures.push(`${route}: not invited -> ${out.status} ${out.body?.error?.code ?? ''}, expected 404`);
      else if (!delegateMay(access) && !outDenied) failures.push(`${route}: not invited -> ${out.status} ${out.body?.error?.code ?? ''}, expected the role's 403`);

      const inv = await call(invited, route);
      if (delegateMay(access) && (inv.status === 404 || inv.status >= 500)) failures.push(`${route}: invited -> ${inv.status} ${inv.body?.error?.code ?? ''}`);
    }
    expect(failures).toEqual([]);
  });

  it('never answers 404 to staff or observers reading a meeting that is not a draft', async () => {
    const failures: string[] = [];
    for (const [route, access] of meetingRoutes.filter(([r]) => r.startsWith('GET '))) {
      for (const [role, http] of others) {
        if (access !== 'any' && !(access as Role[]).includes(role)) continue;
        const res = await call(http, route);
        if (res.status === 404 || res.status >= 500) failures.push(`${route} as ${role} -> ${res.status} ${res.body?.error?.code ?? ''}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers NOT_FOUND to every meeting-scoped socket event of a meeting the delegate is not invited to', async () => {
    const payloads: Record<string, () => unknown> = {
      'meeting:join': () => ({ meetingId: params.id }),
      'poll:state': () => ({ meetingId: params.id }),
      'vote:cast': () => ({ pollId: params.pollId, ballotId: randomUUID(), choices: [forId] }),
      'hand:raise': () => ({ meetingId: params.id }),
      'hand:lower': () => ({ meetingId: params.id }),
    };
    const seen: Record<string, { outsider: string; invited: string }> = {};
    for (const [event, payload] of Object.entries(payloads)) {
      const code = async (s: TestSocket): Promise<string> => {
        const ack = await emitAck<{ ok: boolean; error?: { code: string } }>(s, event, payload());
        return ack.ok ? 'ok' : (ack.error?.code ?? 'NO_CODE');
      };
      seen[event] = { outsider: await code(sockets.outsider!), invited: await code(sockets.invited!) };
    }
    expect(seen).toEqual({
      'meeting:join': { outsider: 'NOT_FOUND', invited: 'ok' },
      'poll:state': { outsider: 'NOT_FOUND', invited: 'ok' },
      'vote:cast': { outsider: 'NOT_FOUND', invited: 'ok' },
      'hand:raise': { outsider: 'NOT_FOUND', invited: 'ok' },
      'hand:lower': { outsider: 'NOT_FOUND', invited: 'ok' },
    });
  });
});
