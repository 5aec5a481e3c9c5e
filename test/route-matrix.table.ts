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
  // delegate registry and bodies
  'GET /api/delegates': REGISTRY_READ,
  'GET /api/delegates/export.csv': REGISTRY_READ,
  'GET /api/delegates/export.xlsx': REGISTRY_READ,
  'GET /api/delegates/:id': REGISTRY_READ,
  'POST /api/delegates': [Admin],
  'PATCH /api/delegates/:id': [Admin],
  'POST /api/delegates/:id/deactivate': [Admin],
  'POST /api/delegates/:id/reactivate': [Admin],
  'POST /api/delegates/import': [Admin],
  'GET /api/bodies': REGISTRY_READ,
  'GET /api/bodies/:id': REGISTRY_READ,
  'POST /api/bodies': [Admin],
  'PATCH /api/bodies/:id': [Admin],
  'POST /api/bodies/:id/members': [Admin],
  'DELETE /api/bodies/:id/members/:delegateId': [Admin],
  // biometric consent and face enrolment (a delegate only for their own record: checked in the handler)
  'GET /api/delegates/:id/face/consent': [Admin, Secretary, Delegate],
  'POST /api/delegates/:id/face/consent': [Admin, Delegate],
  'DELETE /api/delegates/:id/face/consent': [Admin, Delegate],
  'GET /api/delegates/:id/face': [Admin, Secretary, Delegate],
  'POST /api/delegates/:id/face/enrolments': [Admin, Delegate],
  'DELETE /api/delegates/:id/face': [Admin, Delegate],
  // kiosk frames: a kiosk token of this meeting, or staff for testing from the console
  'POST /api/meetings/:id/checkin/frame': [Admin, Secretary],
  // meetings, invitations, agenda, documents
  'GET /api/meetings': [Admin, Secretary, Chair, Delegate, Observer],
  'GET /api/meetings/:id': [Admin, Secretary, Chair, Delegate, Observer],
  'POST /api/meetings': [Admin, Secretary],
  'PATCH /api/meetings/:id': [Admin, Secretary],
  'POST /api/meetings/:id/status': STAFF,
  'GET /api/meetings/:id/invitations': STAFF,
  'POST /api/meetings/:id/invitations': [Admin, Secretary],
  'DELETE /api/meetings/:id/invitations/:delegateId': [Admin, Secretary],
  'POST /api/meetings/:id/agenda': [Admin, Secretary],
  'PUT /api/meetings/:id/agenda/order': [Admin, Secretary],
  'PATCH /api/meetings/:id/agenda/:itemId': [Admin, Secretary],
  'DELETE /api/meetings/:id/agenda/:itemId': [Admin, Secretary],
  'GET /api/meetings/:id/documents': [Admin, Secretary, Chair, Delegate, Observer],
  'POST /api/meetings/:id/documents': [Admin, Secretary],
  'GET /api/meetings/:id/documents/:docId': [Admin, Secretary, Chair, Delegate],
  'DELETE /api/meetings/:id/documents/:docId': [Admin, Secretary],
  // attendance, QR and kiosks
  'GET /api/meetings/:id/attendance': STAFF,
  'GET /api/meetings/:id/attendance/summary': [Admin, Secretary, Chair, Delegate, Observer],
  'POST /api/meetings/:id/attendance/checkin': [Admin, Secretary],
  'POST /api/meetings/:id/attendance/checkout': [Admin, Secretary],
  'POST /api/meetings/:id/attendance/excuse': [Admin, Secretary],
  'GET /api/meetings/:id/attendance/my-qr': [Delegate, Chair],
  'POST /api/meetings/:id/attendance/qr': [Admin, Secretary],
  'POST /api/meetings/:id/kiosks': [Admin, Secretary],
  'GET /api/meetings/:id/kiosks': [Admin, Secretary],
  'DELETE /api/meetings/:id/kiosks/:kioskId': [Admin, Secretary],
  // polls and ballots
  'POST /api/meetings/:id/polls': STAFF,
  'GET /api/meetings/:id/polls': [Admin, Secretary, Chair, Delegate, Observer],
  'GET /api/polls/:id': [Admin, Secretary, Chair, Delegate, Observer],
  'POST /api/polls/:id/open': [Secretary, Chair],
  'POST /api/polls/:id/close': [Secretary, Chair],
  'POST /api/polls/:id/publish': [Secretary, Chair],
  'POST /api/polls/:id/ballots': [Delegate, Chair],
  // opinions and the speaker queue
  'GET /api/meetings/:id/opinions': [Admin, Secretary, Chair, Delegate],
  'POST /api/meetings/:id/opinions': [Delegate, Chair],
  'POST /api/meetings/:id/opinions/:opinionId/addressed': STAFF,
  'GET /api/meetings/:id/speakers': [Admin, Secretary, Chair, Delegate, Observer],
  'POST /api/meetings/:id/speakers': [Delegate, Chair],
  'DELETE /api/meetings/:id/speakers/mine': [Delegate, Chair],
  'POST /api/meetings/:id/speakers/:requestId/grant': [Chair, Secretary],
  'POST /api/meetings/:id/speakers/:requestId/end': [Chair, Secretary],
  'PUT /api/meetings/:id/speakers/order': [Chair, Secretary],
  'GET /api/opinion-rounds': [Admin, Secretary, Chair, Delegate],
  'POST /api/opinion-rounds': [Admin, Secretary],
  'GET /api/opinion-rounds/:roundId': [Admin, Secretary, Chair, Delegate],
  'POST /api/opinion-rounds/:roundId/open': [Admin, Secretary],
  'POST /api/opinion-rounds/:roundId/answers': [Delegate, Chair],
  'POST /api/opinion-rounds/:roundId/remind': [Admin, Secretary],
  'POST /api/opinion-rounds/:roundId/close': [Admin, Secretary],
  // conferencing (LiveKit)
  'POST /api/meetings/:id/conference/token': 'any',
  'POST /api/meetings/:id/conference/hall-token': STAFF,
  'GET /api/meetings/:id/conference/participants': STAFF,
  'GET /api/meetings/:id/conference/attendance': STAFF,
  'POST /api/meetings/:id/conference/moderation/mute': [Secretary, Chair],
  'POST /api/meetings/:id/conference/moderation/remove': [Secretary, Chair],
  'POST /api/meetings/:id/conference/moderation/permissions': [Secretary, Chair],
  'POST /api/meetings/:id/conference/recording/start': [Secretary, Chair],
  'POST /api/meetings/:id/conference/recording/stop': [Secretary, Chair],
  'POST /api/livekit/webhook': 'public',
  // units, conclusions and assigned tasks
  'GET /api/units': STAFF,
  'GET /api/units/:id': STAFF,
  'POST /api/units': [Admin],
  'PATCH /api/units/:id': [Admin],
  'DELETE /api/units/:id': [Admin],
  'POST /api/units/:id/members': [Admin],
  'DELETE /api/units/:id/members/:delegateId': [Admin],
  'GET /api/meetings/:id/conclusions': [Admin, Secretary, Chair, Delegate, Observer],
  'POST /api/meetings/:id/conclusions': STAFF,
  'PUT /api/meetings/:id/conclusions/order': STAFF,
  'PATCH /api/meetings/:id/conclusions/:conclusionId': STAFF,
  'DELETE /api/meetings/:id/conclusions/:conclusionId': STAFF,
  'POST /api/meetings/:id/conclusions/:conclusionId/tasks': STAFF,
  // audit chain
  'GET /api/audit': [Admin, Secretary],
  'GET /api/audit/verify': [Admin],
};


/** Routes that are not ours to guard: the OpenAPI UI and its assets. */
export const UNGUARDED = [/^GET \/api\/docs/];
