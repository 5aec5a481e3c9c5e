export enum Role {
  Admin = 'admin',
  Secretary = 'secretary',
  Chair = 'chair',
  Delegate = 'delegate',
  Observer = 'observer',
}

export const ALL_ROLES: Role[] = Object.values(Role);
/** People who run meetings: they see every meeting and its documents. */
export const STAFF_ROLES: Role[] = [Role.Admin, Role.Secretary, Role.Chair];
