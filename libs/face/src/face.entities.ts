import { FaceConsentEntity } from './consent/face-consent.entity.js';
import { FaceNoticeEntity } from './consent/face-notice.entity.js';
import { FaceDescriptorEntity } from './enrolment/face-descriptor.entity.js';
import { PrivacyRequestEntity } from './privacy/privacy-request.entity.js';

export const FACE_ENTITIES = [FaceConsentEntity, FaceDescriptorEntity, FaceNoticeEntity, PrivacyRequestEntity];
