import { startTestApp, type TestApp } from './utils/test-app.js';
import { HttpClient, type ErrorShape } from './utils/http.js';
import { pendingSchemaChanges } from '../apps/api/src/database/data-source.js';

describe('health, errors and schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports the database as up', async () => {
    const res = await new HttpClient(t.url).get<{ status: string; components: { database: { status: string; driver: string } } }>('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.components.database).toMatchObject({ status: 'up', driver: t.databaseUrl ? 'postgres' : 'pglite' });
  });

  it('entities and migrations do not drift', async () => {
    const { up } = await pendingSchemaChanges(t.dataSource);
    expect(up).toEqual([]);
  });

  it('answers unknown routes and bad JSON with the one error shape and a request id', async () => {
    const http = new HttpClient(t.url);
    const missing = await http.get<ErrorShape>('/api/does-not-exist');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ROUTE_NOT_FOUND');
    expect(missing.body.error.requestId).toBe(missing.headers.get('x-request-id'));
    const bad = await http.post<ErrorShape>('/api/auth/login', '{"username":', { 'content-type': 'application/json' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_JSON');
    const huge = await http.post<ErrorShape>('/api/auth/login', { username: 'x', password: 'y'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const badPath = await http.get<ErrorShape>('/api/users/%E0%A4%A');
    expect(badPath.status).toBeLessThan(500);
  });

  it('exposes Prometheus metrics and OpenAPI docs', async () => {
    const http = new HttpClient(t.url);
    const metrics = await http.get<Buffer>('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body.toString()).toContain('http_request_duration_seconds');
    const docs = await http.get<{ openapi: string; paths: Record<string, unknown> }>('/api/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toContain('/api/auth/login');
  });
});
