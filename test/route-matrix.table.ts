import { Role } from '#core';

/** Who may call each route: 'public' (no token), 'any' (every signed-in role) or a list of roles. */
export type Access = 'public' | 'any' | Role[];

const { Admin, Secretary, Chair, Delegate, Observer } = Role;
const STAFF = [Admin, Secretary, Chair];
const REGISTRY_READ = [Admin, Secretary, Chair];

/** Every HTTP route the API serves. The matrix test fails when a route is missing here or listed but gone. */
export const ROUTE_ACCESS: Record<string, Access> = {
  'GET /api/health': 'public',
  'GET /metrics': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/refresh': 'public',
  'POST /api/auth/logout': 'any',
  'GET /api/auth/me': 'any',
  'GET /api/users': [Admin],
  'POST /api/users': [Admin],
  'PATCH /api/users/:id': [Admin],
};

// silence unused-variable lint until every role appears in the table
void [STAFF, REGISTRY_READ, Delegate, Observer, Chair, Secretary];

/** Routes that are not ours to guard: the OpenAPI UI and its assets. */
export const UNGUARDED = [/^GET \/api\/docs/];
