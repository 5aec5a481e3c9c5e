export * from './attendance-record.entity.js';
import { AttendanceRecordEntity } from './attendance-record.entity.js';
export const ATTENDANCE_ENTITIES = [AttendanceRecordEntity];
