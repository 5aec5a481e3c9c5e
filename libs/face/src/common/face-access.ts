import { DomainError, Role, type AuthUser } from '#core';

/** The delegate's own account. */
export const isSelf = (user: AuthUser, delegateId: string): boolean => user.role === Role.Delegate && user.delegateId === delegateId;

/** Writes about a person's biometric data: the person themself or an admin. */
export function assertSelfOrAdmin(user: AuthUser, delegateId: string): void {
  if (user.role === Role.Admin || isSelf(user, delegateId)) return;
  throw DomainError.forbidden('Only the delegate themself or an admin may do this');
}

/** Reading the status (never the data): the person, an admin or a secretary (who checks people in manually). */
export function assertCanReadStatus(user: AuthUser, delegateId: string): void {
  if (user.role === Role.Admin || user.role === Role.Secretary || isSelf(user, delegateId)) return;
  throw DomainError.forbidden('Only the delegate themself, an admin or a secretary may see this');
}
