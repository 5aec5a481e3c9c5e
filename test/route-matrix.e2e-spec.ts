import type { Express } from 'express';
import { ALL_ROLES, Role } from '#core';
import { clientAs, createUser, login } from './factories/user.factory.js';
import { createBody, createMeeting } from './factories/registry.factory.js';
import { ROUTE_ACCESS, UNGUARDED, type Access } from './route-matrix.table.js';
import { HttpClient, type ErrorShape } from './utils/http.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Lists every route the running express app serves, as "METHOD /path". */
function listRoutes(t: TestApp): string[] {
  const express = t.app.getHttpAdapter().getInstance() as Express & { router: { stack: RouterLayer[] } };
  const routes = new Set<string>();
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    // Nest answers other methods of prefix-excluded paths with a 404 layer covering every method: not a route
    if (Object.keys(layer.route.methods).length > 10) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') routes.add(`${method.toUpperCase()} ${layer.route.path}`);
  }
  return [...routes].filter((r) => !UNGUARDED.some((re) => re.test(r))).sort();
}

const ROLE_DENIED = /needs one of the roles/;
/** Answers a feature gives on purpose when it is switched off here (no LiveKit server in tests). */
const SWITCHED_OFF = new Set(['CONFERENCE_DISABLED']);

describe('route x role matrix', () => {
  let t: TestApp;
  const clients = new Map<Role, HttpClient>();
  let params: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    const { body, delegates } = await createBody(t.dataSource, 3);
    const { meeting, agendaItems } = await createMeeting(t.dataSource, body.id, delegates);
    for (const role of ALL_ROLES) {
      const delegateId = role === Role.Delegate || role === Role.Chair ? delegates[role === Role.Chair ? 0 : 1].id : null;
      clients.set(role, (await clientAs(t.dataSource, t.url, role, { delegateId })).http);
    }
    const someUser = await createUser(t.dataSource, Role.Observer);
    // any existing id works: the role check runs before the handler looks anything up
    params = {
      id: meeting.id,
      meetingId: meeting.id,
      delegateId: delegates[2].id,
      bodyId: body.id,
      itemId: agendaItems[0].id,
      userId: someUser.id,
      docId: '00000000-0000-4000-8000-000000000001',
      kioskId: '00000000-0000-4000-8000-000000000002',
      pollId: '00000000-0000-4000-8000-000000000003',
      roundId: '00000000-0000-4000-8000-000000000004',
      opinionId: '00000000-0000-4000-8000-000000000005',
      requestId: '00000000-0000-4000-8000-000000000006',
      proxyId: '00000000-0000-4000-8000-000000000007',
      conclusionId: '00000000-0000-4000-8000-000000000008',
      proposalId: '00000000-0000-4000-8000-000000000009',
      receipt: '0123456789abcdef',
    };
  });
  afterAll(async () => {
    await t.close();
  });

  const fill = (path: string): string =>
    path.replace(/:(\w+)/g, (_, name: string) => {
      const value = params[name];
      if (!value) throw new Error(`route-matrix: no fixture for :${name} in ${path}`);
      return value;
    });

  it('lists every served route, and nothing that is gone', () => {
    const served = listRoutes(t);
    expect(served.filter((r) => !(r in ROUTE_ACCESS))).toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((r) => !served.includes(r))).toEqual([]);
  });

  it('enforces the table for every route, every role and anonymous callers', async () => {
    const failures: string[] = [];
    for (const [route, access] of Object.entries(ROUTE_ACCESS)) {
      const [method, path] = route.split(' ');
      const url = fill(path);
      const anon = await new HttpClient(t.url).request<ErrorShape>(method, url, method === 'GET' ? undefined : {});
      if (access === 'public') {
        if (anon.status === 401 || anon.status === 403) failures.push(`${route} anonymous -> ${anon.status}, expected public`);
        continue;
      }
      if (anon.status !== 401) failures.push(`${route} anonymous -> ${anon.status}, expected 401`);
      for (const role of ALL_ROLES) {
        const allowed = access === 'any' || (access as Role[]).includes(role);
        // logout would end the shared session, so it gets a session of its own
        const http = route === 'POST /api/auth/logout' ? await login(t.url, (await createUser(t.dataSource, role)).username) : clients.get(role)!;
        const res = await http.request<ErrorShape>(method, url, method === 'GET' ? undefined : {});
        const deniedByRole = res.status === 403 && ROLE_DENIED.test(res.body?.error?.message ?? '');
        if (res.status === 401) failures.push(`${route} as ${role} -> 401`);
        else if (allowed && deniedByRole) failures.push(`${route} as ${role} -> denied, expected allowed`);
        else if (!allowed && !deniedByRole) failures.push(`${route} as ${role} -> ${res.status}, expected 403`);
        if (res.status >= 500 && !SWITCHED_OFF.has(res.body?.error?.code ?? '')) failures.push(`${route} as ${role} -> ${res.status} (server error)`);
      }
    }
    expect(failures).toEqual([]);
  });
});

export type { Access };
