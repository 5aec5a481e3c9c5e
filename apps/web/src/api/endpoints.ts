import { apiBlob, apiJson } from './client.js';
import type { Delegate, DelegatePage, ImportResult, Me, MeetingDetail, MeetingStatus, MeetingSummary } from './types.js';

/** Every route the UI calls, in one place. */
export const api = {
  me: () => apiJson<Me>('/auth/me'),
  meetings: (signal?: AbortSignal) => apiJson<MeetingSummary[] | { items: MeetingSummary[] }>('/meetings', { signal }).then(listOf),
  meeting: (id: string, signal?: AbortSignal) => apiJson<MeetingDetail>(`/meetings/${encodeURIComponent(id)}`, { signal }),
  document: (meetingId: string, docId: string, signal?: AbortSignal) =>
    apiBlob(`/meetings/${encodeURIComponent(meetingId)}/documents/${encodeURIComponent(docId)}`, { signal }),
  changeStatus: (id: string, status: MeetingStatus) => apiJson<MeetingSummary>(`/meetings/${encodeURIComponent(id)}/status`, { method: 'POST', body: { status } }),
  delegates: (q: { q?: string; limit: number; offset: number }, signal?: AbortSignal) => {
    const params = new URLSearchParams({ limit: String(q.limit), offset: String(q.offset) });
    if (q.q) params.set('q', q.q);
    return apiJson<DelegatePage | Delegate[]>(`/delegates?${params.toString()}`, { signal }).then((r): DelegatePage => (Array.isArray(r) ? { items: r, total: r.length } : r));
  },
  importDelegates: (file: File, partial: boolean) => {
    const form = new FormData();
    form.append('file', file);
    const query = partial ? '?partial=true' : '';
    return apiJson<ImportResult>(`/delegates/import${query}`, { method: 'POST', body: form });
  },
};

function listOf<T>(r: T[] | { items: T[] }): T[] {
  return Array.isArray(r) ? r : r.items;
}
