import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpClient, type HttpResponse } from '../utils/http.js';

/** The shared photographs (../shared/faces from the repository root, in CI too). */
export const FACES_DIR = process.env.FACES_DIR ?? join(process.cwd(), '..', 'shared', 'faces');
export const NOTICE_VERSION = '2026-11';
/** The one tablet the tests' kiosk tokens are used from (a token binds to its first device). */
export const KIOSK_DEVICE = 'test-kiosk-tablet-0001';

export const photo = (file: string): Buffer => readFileSync(join(FACES_DIR, file));
const typeOf = (file: string): string => (file.endsWith('.png') ? 'image/png' : 'image/jpeg');

/** multipart/form-data with the given files in the field `field`. */
export function photoForm(files: { name: string; data: Buffer | Uint8Array; type?: string }[], field = 'photos'): FormData {
  const form = new FormData();
  for (const f of files) form.append(field, new Blob([new Uint8Array(f.data)], { type: f.type ?? typeOf(f.name) }), f.name.split('/').pop());
  return form;
}

export const sharedPhotos = (files: string[]): { name: string; data: Buffer }[] => files.map((name) => ({ name, data: photo(name) }));

/** Consent (self when the client is the delegate, paper with a reference when an admin) then enrolment. */
export async function consentAndEnrol(http: HttpClient, delegateId: string, files: string[], paperReference?: string): Promise<HttpResponse<{ descriptors: number }>> {
  const consent = await http.post(`/api/delegates/${delegateId}/face/consent`, { noticeVersion: NOTICE_VERSION, ...(paperReference ? { paperReference } : {}) });
  if (consent.status !== 201) throw new Error(`consent failed: ${consent.status} ${JSON.stringify(consent.body)}`);
  return http.post(`/api/delegates/${delegateId}/face/enrolments`, photoForm(sharedPhotos(files)));
}

/** Sends one kiosk frame as a raw image body. */
export function sendFrame<T>(baseUrl: string, meetingId: string, kioskToken: string, image: Uint8Array, type = 'image/jpeg'): Promise<HttpResponse<T>> {
  return new HttpClient(baseUrl).post<T>(`/api/meetings/${meetingId}/checkin/frame`, image, { authorization: `Kiosk ${kioskToken}`, 'x-kiosk-device': KIOSK_DEVICE, 'content-type': type });
}
