import { FaceConsentEntity } from './consent/face-consent.entity.js';
import { FaceDescriptorEntity } from './enrolment/face-descriptor.entity.js';

export const FACE_ENTITIES = [FaceConsentEntity, FaceDescriptorEntity];
