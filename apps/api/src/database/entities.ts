import { ASSIGNMENTS_ENTITIES } from '#assignments';
import { ATTENDANCE_ENTITIES } from '#attendance';
import { AUDIT_ENTITIES } from '#audit';
import { CONFERENCE_ENTITIES } from '#conference';
import { CORE_ENTITIES } from '#core';
import { DELEGATES_ENTITIES } from '#delegates';
import { DOCUMENTS_ENTITIES } from '#documents';
import { FACE_ENTITIES } from '#face';
import { MEETINGS_ENTITIES } from '#meetings';
import { MINUTES_ENTITIES } from '#minutes';
import { OPINIONS_ENTITIES } from '#opinions';
import { VOTING_ENTITIES } from '#voting';

/** Every entity of every library; the app, the migration CLI and the drift check share this list. */
export const ALL_ENTITIES = [...CORE_ENTITIES, ...DELEGATES_ENTITIES, ...MEETINGS_ENTITIES, ...ATTENDANCE_ENTITIES, ...OPINIONS_ENTITIES, ...CONFERENCE_ENTITIES, ...AUDIT_ENTITIES, ...VOTING_ENTITIES, ...FACE_ENTITIES, ...ASSIGNMENTS_ENTITIES, ...MINUTES_ENTITIES, ...DOCUMENTS_ENTITIES];
