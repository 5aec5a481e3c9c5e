/** A task as the API and other libraries (minutes, exports) see it: the contract's shapes. */
export type { TaskView, UnitRef } from '#contracts';
