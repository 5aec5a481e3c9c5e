import { Init1795380848040 } from './1795380848040-Init.js';
import { Attendance1795381100362 } from './1795381100362-Attendance.js';
import { Opinions1795381897962 } from './1795381897962-Opinions.js';
import { Leases1795382063189 } from './1795382063189-Leases.js';
import { Conference1795382396485 } from './1795382396485-Conference.js';
import { Audit1795383046158 } from './1795383046158-Audit.js';
import { Meetings1795383435229 } from './1795383435229-Meetings.js';
import { Voting1795383454061 } from './1795383454061-Voting.js';
import { Kiosks1795383491970 } from './1795383491970-Kiosks.js';
import { Face1795384630824 } from './1795384630824-Face.js';
import { Assignments1795747287359 } from './1795747287359-Assignments.js';
import { Minutes1795747531308 } from './1795747531308-Minutes.js';
import { KioskDeviceBinding1795748502045 } from './1795748502045-KioskDeviceBinding.js';
import { MeetingProxies1795748507726 } from './1795748507726-MeetingProxies.js';
import { TaskReminderMail1795750689347 } from './1795750689347-TaskReminderMail.js';
import { MeetingFactsAndSubstitutes1796169225801 } from './1796169225801-MeetingFactsAndSubstitutes.js';
import { RoundProposals1796194965509 } from './1796194965509-RoundProposals.js';

/** Migrations in order; listed explicitly so ESM, jest and the compiled build load the same set. */
import { LegalProfiles1796169249919 } from './1796169249919-LegalProfiles.js';
import { SecretBallots1796169869565 } from './1796169869565-SecretBallots.js';
import { OfficialDocuments1796169925812 } from './1796169925812-OfficialDocuments.js';
import { ConferenceRemovals1796169944908 } from './1796169944908-ConferenceRemovals.js';
import { FacePrivacy1796171986592 } from './1796171986592-FacePrivacy.js';

/** Migrations in order; listed explicitly so ESM, jest and the compiled build load the same set. */
export const MIGRATIONS = [Init1795380848040, Attendance1795381100362, Opinions1795381897962, Leases1795382063189, Conference1795382396485, Audit1795383046158, Meetings1795383435229, Voting1795383454061, Kiosks1795383491970, Face1795384630824, Assignments1795747287359, Minutes1795747531308, KioskDeviceBinding1795748502045, MeetingProxies1795748507726, TaskReminderMail1795750689347, LegalProfiles1796169249919, SecretBallots1796169869565, OfficialDocuments1796169925812, ConferenceRemovals1796169944908, MeetingFactsAndSubstitutes1796169225801, FacePrivacy1796171986592, RoundProposals1796194965509];
