import { registerErrorCodes } from '#core';

export enum DocumentsErrorCode {
  DOCUMENT_NOT_FOUND = 'DOCUMENT_NOT_FOUND',
  /** The record is already registered as an official document (one number per record). */
  DOCUMENT_ALREADY_ISSUED = 'DOCUMENT_ALREADY_ISSUED',
  /** The stored file no longer matches the hash recorded at its last signature: nothing is signed. */
  DOCUMENT_ALTERED = 'DOCUMENT_ALTERED',
  /** This signature block does not exist, is someone else's, or is already signed. */
  SLOT_NOT_FOUND = 'SLOT_NOT_FOUND',
  SLOT_NOT_YOURS = 'SLOT_NOT_YOURS',
  SLOT_ALREADY_SIGNED = 'SLOT_ALREADY_SIGNED',
  /** The user has no signing key configured by the administrator. */
  SIGNER_NOT_CONFIGURED = 'SIGNER_NOT_CONFIGURED',
  /** Certificate outside its validity period at signing time. */
  CERTIFICATE_EXPIRED = 'CERTIFICATE_EXPIRED',
  CERTIFICATE_NOT_YET_VALID = 'CERTIFICATE_NOT_YET_VALID',
  /** The certificate's keyUsage has neither digitalSignature nor nonRepudiation. */
  CERTIFICATE_KEY_USAGE = 'CERTIFICATE_KEY_USAGE',
  /** Wrong PKCS#12 password or token PIN. */
  WRONG_PIN = 'WRONG_PIN',
  PIN_LOCKED = 'PIN_LOCKED',
  /** The token is not plugged in, or was removed while signing. */
  TOKEN_NOT_PRESENT = 'TOKEN_NOT_PRESENT',
  TOKEN_KEY_NOT_FOUND = 'TOKEN_KEY_NOT_FOUND',
  TOKEN_ERROR = 'TOKEN_ERROR',
  /** PKCS#11 signing needs SIGN_PKCS11_MODULE. */
  PKCS11_NOT_CONFIGURED = 'PKCS11_NOT_CONFIGURED',
  /** Not a PKCS#12 file / not a PDF / not a certificate. */
  INVALID_P12 = 'INVALID_P12',
  INVALID_PDF = 'INVALID_PDF',
  INVALID_CERTIFICATE = 'INVALID_CERTIFICATE',
  /** The time-stamping authority did not answer with a granted token. */
  TIMESTAMP_FAILED = 'TIMESTAMP_FAILED',
  /** A remote signing service is configured by an adapter that is not installed. */
  REMOTE_SIGNER_UNAVAILABLE = 'REMOTE_SIGNER_UNAVAILABLE',
}

registerErrorCodes({
  [DocumentsErrorCode.DOCUMENT_NOT_FOUND]: 404,
  [DocumentsErrorCode.DOCUMENT_ALREADY_ISSUED]: 409,
  [DocumentsErrorCode.DOCUMENT_ALTERED]: 409,
  [DocumentsErrorCode.SLOT_NOT_FOUND]: 404,
  [DocumentsErrorCode.SLOT_NOT_YOURS]: 403,
  [DocumentsErrorCode.SLOT_ALREADY_SIGNED]: 409,
  [DocumentsErrorCode.SIGNER_NOT_CONFIGURED]: 409,
  [DocumentsErrorCode.CERTIFICATE_EXPIRED]: 422,
  [DocumentsErrorCode.CERTIFICATE_NOT_YET_VALID]: 422,
  [DocumentsErrorCode.CERTIFICATE_KEY_USAGE]: 422,
  [DocumentsErrorCode.WRONG_PIN]: 422,
  [DocumentsErrorCode.PIN_LOCKED]: 423,
  [DocumentsErrorCode.TOKEN_NOT_PRESENT]: 409,
  [DocumentsErrorCode.TOKEN_KEY_NOT_FOUND]: 409,
  [DocumentsErrorCode.TOKEN_ERROR]: 502,
  [DocumentsErrorCode.PKCS11_NOT_CONFIGURED]: 409,
  [DocumentsErrorCode.INVALID_P12]: 400,
  [DocumentsErrorCode.INVALID_PDF]: 400,
  [DocumentsErrorCode.INVALID_CERTIFICATE]: 400,
  [DocumentsErrorCode.TIMESTAMP_FAILED]: 502,
  [DocumentsErrorCode.REMOTE_SIGNER_UNAVAILABLE]: 501,
});
