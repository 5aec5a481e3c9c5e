export * from './delegate.entity.js';
export * from './body.entity.js';
export * from './body-member.entity.js';
import { BodyMemberEntity } from './body-member.entity.js';
import { BodyEntity } from './body.entity.js';
import { DelegateEntity } from './delegate.entity.js';
export const DELEGATES_ENTITIES = [DelegateEntity, BodyEntity, BodyMemberEntity];
export * from './delegates.module.js';
