import { Role } from '#core';
import { MeetingStatus } from '#meetings';
import { createBody, createMeeting } from '../factories/registry.factory.js';
import { clientAs } from '../factories/user.factory.js';
import { HttpClient, type ErrorShape } from '../utils/http.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

describe('conference without LiveKit configured', () => {
  let t: TestApp;
  let meetingId: string;
  let secretary: HttpClient;
  let delegate: HttpClient;

  beforeAll(async () => {
    t = await startTestApp();
    const { body, delegates } = await createBody(t.dataSource, 2);
    meetingId = (await createMeeting(t.dataSource, body.id, delegates, { status: MeetingStatus.Open })).meeting.id;
    secretary = (await clientAs(t.dataSource, t.url, Role.Secretary)).http;
    delegate = (await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: delegates[0].id })).http;
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports conferencing as disabled while the system stays healthy', async () => {
    const res = await new HttpClient(t.url).get<{ status: string; components: Record<string, { status: string }> }>('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.components.conferencing.status).toBe('disabled');
  });

  it('answers 503 CONFERENCE_DISABLED on every conference route, after auth and roles, before validation', async () => {
    const calls: [HttpClient, string, string, unknown?][] = [
      [delegate, 'POST', `/api/meetings/${meetingId}/conference/token`],
      [secretary, 'POST', `/api/meetings/${meetingId}/conference/token`],
      [secretary, 'POST', `/api/meetings/${meetingId}/conference/hall-token`],
      [secretary, 'GET', `/api/meetings/${meetingId}/conference/participants`],
      [secretary, 'GET', `/api/meetings/${meetingId}/conference/attendance`],
      [secretary, 'POST', `/api/meetings/${meetingId}/conference/moderation/mute`, {}],
      [secretary, 'POST', `/api/meetings/${meetingId}/conference/moderation/remove`, {}],
      [secretary, 'POST', `/api/meetings/${meetingId}/conference/moderation/permissions`, {}],
      [secretary, 'POST', `/api/meetings/${meetingId}/conference/recording/start`],
      [secretary, 'POST', `/api/meetings/${meetingId}/conference/recording/stop`],
      [new HttpClient(t.url), 'POST', '/api/livekit/webhook', '{"event":"room_started"}'],
    ];
    for (const [http, method, path, body] of calls) {
      const res = await http.request<ErrorShape>(method, path, body, typeof body === 'string' ? { 'content-type': 'application/webhook+json', authorization: 'x' } : {});
      expect([path, res.status, res.body.error?.code]).toEqual([path, 503, 'CONFERENCE_DISABLED']);
    }
    // roles still come first
    const denied = await delegate.post<ErrorShape>(`/api/meetings/${meetingId}/conference/hall-token`);
    expect(denied.status).toBe(403);
    expect((await new HttpClient(t.url).post(`/api/meetings/${meetingId}/conference/token`)).status).toBe(401);
  });

  it('leaves the rest of the API working', async () => {
    expect((await delegate.get('/api/auth/me')).status).toBe(200);
    expect((await delegate.get(`/api/meetings/${meetingId}/speakers`)).status).toBe(200);
  });
});
