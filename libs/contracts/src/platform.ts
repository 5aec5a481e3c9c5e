/** Health, the audit log and plain acknowledgements (libs/core, libs/audit). */

export type ComponentStatus = 'up' | 'down' | 'degraded' | 'disabled';

/** GET /api/health: 503 when the database is down. Each component adds its own details. */
export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  components: Record<string, { status: ComponentStatus; [detail: string]: unknown }>;
  uptimeSeconds: number;
  time: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  meetingId: string | null;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** GET /api/audit: newest first. */
export interface AuditPage {
  items: AuditEntry[];
  /** Pass as `before` for the next (older) page; null at the start of the log. */
  nextBefore: number | null;
}

/** GET /api/audit/verify: the whole hash chain recomputed. */
export type AuditVerifyResult =
  | { ok: true; rows: number; firstBrokenSeq: null; headSeq: number; headHash: string }
  | { ok: false; rows: number; firstBrokenSeq: number; reason: string };

/** A plain acknowledgement. */
export interface Ok {
  ok: true;
}
