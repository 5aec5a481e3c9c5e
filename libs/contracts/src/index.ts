/**
 * The contract between the server and its clients (apps/web): view types, status and role unions and the socket
 * event maps. Types only: nothing here exists at run time, so importing it pulls no server code into the web bundle.
 */
export type * from './common.js';
export type * from './meetings.js';
export type * from './delegates.js';
export type * from './attendance.js';
export type * from './face.js';
export type * from './voting.js';
export type * from './opinions.js';
export type * from './conference.js';
export type * from './minutes.js';
export type * from './documents.js';
export type * from './events.js';
export type * from './platform.js';
