export * from './realtime.events.js';
export * from './realtime.service.js';
export * from './realtime.gateway.js';
export * from './socket-session.js';
export * from './realtime-io.adapter.js';
export * from './ws-exception.filter.js';
export * from './setup-realtime.js';
export * from './realtime.module.js';
