import { DomainError } from '#core';
import { VotingErrorCode } from '../voting.errors.js';

/** What the database says about one side of a proxy being registered. */
export interface ProxyParty {
  delegateId: string;
  /** Active member of the meeting's body with a voting right. */
  votingMember: boolean;
  /** Invited to this meeting with a voting right. */
  invitedVoter: boolean;
  /** Already represented by an active proxy in this meeting. */
  represented: boolean;
  /** Already holds an active proxy in this meeting. */
  acting: boolean;
}

export interface ProxyRegistrationFacts {
  allowProxyVoting: boolean;
  meetingClosed: boolean;
  represented: ProxyParty;
  acting: ProxyParty;
}

const invalid = (message: string, field: string): DomainError => new DomainError(VotingErrorCode.PROXY_INVALID, message, [{ field, reason: message }]);

/** Why a proxy cannot be registered, or null. The partial unique indexes back the PROXY_TAKEN cases up under races. */
export function proxyRegistrationError(f: ProxyRegistrationFacts): DomainError | null {
  if (!f.allowProxyVoting) return new DomainError(VotingErrorCode.PROXY_NOT_ALLOWED, "Proxy voting is not allowed in this meeting's body");
  if (f.meetingClosed) return invalid('The meeting is closed', 'meetingId');
  if (f.represented.delegateId.toLowerCase() === f.acting.delegateId.toLowerCase()) return invalid('A delegate cannot hold their own proxy', 'actingDelegateId');
  for (const [field, p] of [['representedDelegateId', f.represented], ['actingDelegateId', f.acting]] as const) {
    if (!p.votingMember) return invalid("Not a member of the meeting's body with a voting right", field);
    if (!p.invitedVoter) return invalid('Not invited to this meeting with a voting right', field);
  }
  if (f.represented.represented) return new DomainError(VotingErrorCode.PROXY_TAKEN, 'This delegate already gave an active proxy in this meeting', { field: 'representedDelegateId' });
  if (f.acting.acting) return new DomainError(VotingErrorCode.PROXY_TAKEN, 'This delegate already holds an active proxy in this meeting', { field: 'actingDelegateId' });
  // no chains: a proxy holder must vote in person, and someone represented cannot act for another
  if (f.represented.acting) return invalid('This delegate holds a proxy in this meeting and must attend to use it', 'representedDelegateId');
  if (f.acting.represented) return invalid('This delegate is represented by a proxy in this meeting', 'actingDelegateId');
  return null;
}

/** What a cast on behalf of another delegate needs, read under the poll's cast lock. */
export interface ProxyCastFacts {
  allowProxyVoting: boolean;
  /** An active proxy acting = caller, represented = onBehalfOf in the poll's meeting. */
  proxyActive: boolean;
  /** The represented delegate's invitation: can_vote (null when not invited). */
  representedCanVote: boolean | null;
  /** The acting delegate's check-in method when present, else null. */
  actingMethod: string | null;
  /** The represented delegate is on the poll's roll (counted in the frozen counts at open). */
  onRoll: boolean;
}

/** Why the caller cannot cast this ballot on behalf of the represented delegate, or null. */
export function proxyCastError(f: ProxyCastFacts): DomainError | null {
  if (!f.allowProxyVoting) return new DomainError(VotingErrorCode.PROXY_NOT_ALLOWED, "Proxy voting is not allowed in this meeting's body");
  if (!f.proxyActive) return new DomainError(VotingErrorCode.NOT_PROXY_HOLDER, 'You hold no active proxy from this delegate in this meeting');
  if (!f.representedCanVote) return new DomainError(VotingErrorCode.NOT_ELIGIBLE, 'The represented delegate has no voting right in this meeting');
  if (f.actingMethod === null) return new DomainError(VotingErrorCode.NOT_PRESENT, 'Check in first (in the hall or online) to vote by proxy');
  // a ballot for someone not counted at open could outnumber the frozen counts the result is computed on
  if (!f.onRoll) return new DomainError(VotingErrorCode.NOT_ON_ROLL, 'This delegate was neither present nor represented when the poll opened: the proxy votes from the next poll');
  return null;
}
