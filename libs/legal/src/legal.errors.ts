import { registerErrorCodes } from '#core';

export enum LegalErrorCode {
  /** The body's legal profile fixes this (quorum floor, proxies, secret ballot, rule): refused unless overridden. */
  PROFILE_LOCKED = 'PROFILE_LOCKED',
  /** Only an administrator may override a profile rule, and only with the legal basis (document and article). */
  OVERRIDE_FORBIDDEN = 'OVERRIDE_FORBIDDEN',
  /** An override without its legal basis text. */
  LEGAL_BASIS_REQUIRED = 'LEGAL_BASIS_REQUIRED',
  /** A decision type the body's profile does not have, or a poll kind the decision type does not allow. */
  DECISION_TYPE_INVALID = 'DECISION_TYPE_INVALID',
}

registerErrorCodes({
  [LegalErrorCode.PROFILE_LOCKED]: 422,
  [LegalErrorCode.OVERRIDE_FORBIDDEN]: 403,
  [LegalErrorCode.LEGAL_BASIS_REQUIRED]: 400,
  [LegalErrorCode.DECISION_TYPE_INVALID]: 400,
});
