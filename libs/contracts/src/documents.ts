import type { Role } from './common.js';

/** Official documents and digital signatures (libs/documents). */
export interface DocumentSlotView {
  key: string;
  position: string;
  fullName: string;
  userId: string;
  signedAt: string | null;
  certificateSubject: string | null;
  keyStore: 'p12' | 'pkcs11' | 'remote' | null;
}

export interface OfficialDocumentView {
  id: string;
  kind: string;
  numberText: string;
  title: string;
  status: 'signing' | 'signed';
  issuedAt: string;
  sha256: string;
  slots: DocumentSlotView[];
}

export interface SignatureReport {
  field: string | null;
  signer: string | null;
  subject: string | null;
  issuer: string | null;
  validFrom: string | null;
  validTo: string | null;
  signingTime: string | null;
  timestampTime: string | null;
  /** RFC 3161 token over the signature: its time, the TSA's name and what was checked. */
  timestamp: { time: string; tsa: string | null; policy: string; imprintMatches: boolean; signatureValid: boolean; trusted: boolean } | null;
  coversWholeDocument: boolean;
  laterChanges: 'none' | 'signatures-only' | 'other';
  digestMatches: boolean;
  signatureValid: boolean;
  certificateValidAtSigning: boolean;
  keyUsageAllowsSigning: boolean;
  chainTrusted: boolean;
  chain: string[];
  valid: boolean;
  problems: string[];
}

export interface VerifyReport {
  sha256: string;
  bytes: number;
  signatures: SignatureReport[];
  unsignedChangesAtEnd: boolean;
  registered: { id: string; numberText: string; title: string; matchesCurrent: boolean } | null;
}

export interface SignerView {
  userId: string;
  username: string;
  displayName: string;
  keyStore: 'p12' | 'pkcs11' | 'remote';
  subject: string;
  notAfter: string;
  usable: boolean;
  problem: string | null;
}

export interface TrustedRootView {
  id: string | null;
  subject: string;
  fingerprint: string;
  validTo: string;
  source: 'config' | 'admin';
}

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** The registry record a delegate's or chair's login votes as. */
  delegateId: string | null;
  active: boolean;
}

/** POST /api/users (libs/core CreateUserDto). */
export interface UserCreateInput {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  delegateId?: string;
}

/** PATCH /api/users/:id (libs/core UpdateUserDto): a new password, a deactivation or a new role or link ends the account's sessions. */
export interface UserUpdateInput {
  displayName?: string;
  password?: string;
  role?: Role;
  delegateId?: string | null;
  active?: boolean;
}

/** GET /api/meetings/:id/minutes/document and /api/polls/:id/count-report/document: null before registration (wrapped: a bare null is no JSON body). */
export interface RegisteredDocument {
  document: OfficialDocumentView | null;
}
