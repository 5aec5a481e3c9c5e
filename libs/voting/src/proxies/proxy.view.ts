import type { ProxyView } from '#contracts';

export type { MyProxies, ProxyView } from '#contracts';

export interface ProxyRow {
  id: string;
  meeting_id: string;
  represented_delegate_id: string;
  represented_full_name: string;
  acting_delegate_id: string;
  acting_full_name: string;
  note: string | null;
  document_ref: string | null;
  registered_by: string | null;
  created_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
}

/** Columns of ProxyRow, for `FROM meeting_proxies mp JOIN delegates rd ... JOIN delegates ad ...`. */
export const PROXY_SELECT = `SELECT mp.id, mp.meeting_id, mp.represented_delegate_id, rd.full_name AS represented_full_name, mp.acting_delegate_id,
         ad.full_name AS acting_full_name, mp.note, mp.document_ref, mp.registered_by, mp.created_at, mp.revoked_at, mp.revoked_by
    FROM meeting_proxies mp
    JOIN delegates rd ON rd.id = mp.represented_delegate_id
    JOIN delegates ad ON ad.id = mp.acting_delegate_id`;

export function toProxyView(r: ProxyRow): ProxyView {
  return {
    id: r.id,
    meetingId: r.meeting_id,
    representedDelegateId: r.represented_delegate_id,
    representedFullName: r.represented_full_name,
    actingDelegateId: r.acting_delegate_id,
    actingFullName: r.acting_full_name,
    note: r.note,
    documentRef: r.document_ref,
    registeredBy: r.registered_by,
    createdAt: new Date(r.created_at).toISOString(),
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
    revokedBy: r.revoked_by,
    active: r.revoked_at === null,
  };
}
