/** Nest injection token for the remote signing adapter (the CAs' cloud signing services). */
export const REMOTE_SIGNING_SERVICE = Symbol('REMOTE_SIGNING_SERVICE');

/**
 * Contract for a remote signing service (a CA's cloud signing, e.g. with a confirmation on the signer's phone).
 * An adapter receives the DER of the CMS signed attributes and returns the raw signature made with the key behind
 * `certificate`: PKCS#1 v1.5 over SHA-256 for RSA, DER ECDSA-SHA256 for EC. It may wait for the signer's approval
 * (up to the HTTP timeout); it throws DomainError WRONG_PIN, or anything else for a failure. See docs/signatures.md.
 */
export interface RemoteSigningService {
  sign(request: { userId: string; certificate: Buffer; data: Buffer; pin: string }): Promise<Buffer>;
}
