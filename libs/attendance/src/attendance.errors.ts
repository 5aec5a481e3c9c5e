import { registerErrorCodes } from '#core';

export enum AttendanceErrorCode {
  MEETING_NOT_OPEN = 'MEETING_NOT_OPEN',
  NOT_A_DELEGATE = 'NOT_A_DELEGATE',
  NOT_CHECKED_IN = 'NOT_CHECKED_IN',
  QR_CODE_INVALID = 'QR_CODE_INVALID',
  QR_CODE_EXPIRED = 'QR_CODE_EXPIRED',
  KIOSK_TOKEN_INVALID = 'KIOSK_TOKEN_INVALID',
  KIOSK_WRONG_MEETING = 'KIOSK_WRONG_MEETING',
  KIOSK_DEVICE_REQUIRED = 'KIOSK_DEVICE_REQUIRED',
  KIOSK_WRONG_DEVICE = 'KIOSK_WRONG_DEVICE',
}

registerErrorCodes({
  [AttendanceErrorCode.MEETING_NOT_OPEN]: 409,
  [AttendanceErrorCode.NOT_A_DELEGATE]: 403,
  [AttendanceErrorCode.NOT_CHECKED_IN]: 409,
  [AttendanceErrorCode.QR_CODE_INVALID]: 400,
  [AttendanceErrorCode.QR_CODE_EXPIRED]: 400,
  [AttendanceErrorCode.KIOSK_TOKEN_INVALID]: 401,
  [AttendanceErrorCode.KIOSK_WRONG_MEETING]: 403,
  [AttendanceErrorCode.KIOSK_DEVICE_REQUIRED]: 400,
  [AttendanceErrorCode.KIOSK_WRONG_DEVICE]: 403,
});
