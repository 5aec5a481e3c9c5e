import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from './i18n/vi.js';
import type { Role } from '#contracts';

/** Every screen's address. Screens and links build paths from here, never by hand. */
export const paths = {
  login: '/login',
  meetings: '/meetings',
  meetingNew: '/meetings/new', // secretary: create a meeting (before `meeting`, which would take "new" as an id)
  meeting: '/meetings/:meetingId',
  meetingEdit: '/meetings/:meetingId/edit', // secretary: edit title, place, times, mode, chair, secretary while draft / scheduled
  prepare: '/meetings/:meetingId/prepare', // secretary: agenda, documents, invitations, notice, status
  console: '/meetings/:meetingId/console',
  delegates: '/admin/delegates',
  rounds: '/opinion-rounds', // written opinion rounds of a body: staff create / send / close, members answer
  round: '/opinion-rounds/:roundId',
  // Reserved for the screens assigned next (their APIs are being built): add a row to ROUTES below when one lands.
  kiosk: '/kiosk/:meetingId', // check-in kiosk (face), full screen, kiosk token; roles: kiosk device / admin, secretary
  tablet: '/meetings/:meetingId/tablet', // delegate tablet / remote: current poll, opinions, raise hand, LiveKit
  chair: '/meetings/:meetingId/dashboard', // chair dashboard / projector: attendance, quorum gauge, poll progress, speakers
  poll: '/meetings/:meetingId/polls/:pollId', // one poll: vote (delegate) or results with the majority arithmetic
  attendance: '/meetings/:meetingId/attendance', // secretary: manual check-in, absence reasons, unrecognised-face alerts
  // Admin: bodies, a delegate's biometric consent and face enrolment
  bodies: '/admin/bodies',
  biometrics: '/admin/delegates/:delegateId/biometrics',
  // Minutes, exports, conclusions and tasks (libs/minutes, libs/assignments)
  minutes: '/meetings/:meetingId/minutes', // minutes (biên bản): draft, edit, lock with SHA-256; the meeting's PDF/XLSX/DOCX files
  conclusions: '/meetings/:meetingId/conclusions', // conclusions per agenda item and the tasks they assign
  tasks: '/tasks', // my unit's tasks (start, report done); staff: dashboard by unit, every task, XLSX
  privacy: '/privacy', // a delegate's consent record, data export, erasure and requests; the admin's requests and processing record
  verify: '/signatures', // verify signed PDFs; admin: signers (PKCS#12, token) and trusted root certificates
  units: '/admin/units', // units that lead or cooperate on tasks and their people; admin edits, staff read
  accounts: '/admin/users', // admin: user accounts (create, role, linked delegate, password, deactivate)
} as const;

export type RouteName = keyof typeof paths;

export type ScreenProps = { params: Record<string, string> };

export interface RouteDef {
  name: RouteName;
  /** Who may open it; the shell's navigation and the guard read this. */
  roles: Role[] | 'public';
  /** `full`: no navigation chrome (kiosk, projector). */
  layout: 'shell' | 'full';
  /** Shown in the main navigation with this label. */
  nav?: MessageKey;
  screen: LazyExoticComponent<ComponentType<ScreenProps>> | ComponentType<ScreenProps>;
}

const ALL: Role[] = ['admin', 'secretary', 'chair', 'delegate', 'observer'];

/** Screens are loaded on demand, so the first load carries only the shell and the login form. */
export const ROUTES: RouteDef[] = [
  { name: 'meetings', roles: ALL, layout: 'shell', nav: 'nav.meetings', screen: lazy(() => import('./screens/meetings-screen.js')) },
  { name: 'meetingNew', roles: ['admin', 'secretary'], layout: 'shell', screen: lazy(() => import('./screens/meeting-form-screen.js')) },
  { name: 'meetingEdit', roles: ['admin', 'secretary'], layout: 'shell', screen: lazy(() => import('./screens/meeting-form-screen.js')) },
  { name: 'prepare', roles: ['admin', 'secretary', 'chair'], layout: 'shell', screen: lazy(() => import('./screens/prepare-screen.js')) },
  { name: 'meeting', roles: ALL, layout: 'shell', screen: lazy(() => import('./screens/meeting-detail-screen.js')) },
  { name: 'console', roles: ['admin', 'secretary', 'chair'], layout: 'shell', screen: lazy(() => import('./screens/secretary-console-screen.js')) },
  { name: 'chair', roles: ['admin', 'secretary', 'chair'], layout: 'full', screen: lazy(() => import('./screens/chair-dashboard-screen.js')) },
  { name: 'attendance', roles: ['admin', 'secretary'], layout: 'shell', screen: lazy(() => import('./screens/attendance-screen.js')) },
  { name: 'tablet', roles: ['delegate', 'chair'], layout: 'shell', screen: lazy(() => import('./screens/tablet-screen.js')) },
  { name: 'kiosk', roles: 'public', layout: 'full', screen: lazy(() => import('./screens/kiosk-screen.js')) },
  { name: 'rounds', roles: ['admin', 'secretary', 'chair', 'delegate'], layout: 'shell', nav: 'nav.rounds', screen: lazy(() => import('./screens/rounds-screen.js')) },
  { name: 'round', roles: ['admin', 'secretary', 'chair', 'delegate'], layout: 'shell', screen: lazy(() => import('./screens/round-screen.js')) },
  { name: 'delegates', roles: ['admin', 'secretary', 'chair'], layout: 'shell', nav: 'nav.delegates', screen: lazy(() => import('./screens/delegates-screen.js')) },
  { name: 'poll', roles: ALL, layout: 'shell', screen: lazy(() => import('./screens/poll-screen.js')) },
  // Admin: bodies, a delegate's biometric consent and face enrolment
  { name: 'bodies', roles: ['admin', 'secretary', 'chair'], layout: 'shell', nav: 'nav.bodies', screen: lazy(() => import('./screens/bodies-screen.js')) },
  { name: 'biometrics', roles: ['admin', 'secretary'], layout: 'shell', screen: lazy(() => import('./screens/biometrics-screen.js')) },
  // Minutes, exports, conclusions and tasks
  { name: 'minutes', roles: ['admin', 'secretary', 'chair'], layout: 'shell', screen: lazy(() => import('./screens/minutes-screen.js')) },
  { name: 'conclusions', roles: ALL, layout: 'shell', screen: lazy(() => import('./screens/conclusions-screen.js')) },
  { name: 'tasks', roles: ['admin', 'secretary', 'chair', 'delegate'], layout: 'shell', nav: 'nav.tasks', screen: lazy(() => import('./screens/tasks-screen.js')) },
  { name: 'privacy', roles: ['admin', 'delegate'], layout: 'shell', nav: 'nav.privacy', screen: lazy(() => import('./screens/privacy-screen.js')) },
  { name: 'units', roles: ['admin', 'secretary', 'chair'], layout: 'shell', nav: 'nav.units', screen: lazy(() => import('./screens/units-screen.js')) },
  { name: 'accounts', roles: ['admin'], layout: 'shell', nav: 'nav.accounts', screen: lazy(() => import('./screens/accounts-screen.js')) },
  { name: 'verify', roles: ALL, layout: 'shell', nav: 'nav.verify', screen: lazy(() => import('./screens/signatures-screen.js')) },
];
