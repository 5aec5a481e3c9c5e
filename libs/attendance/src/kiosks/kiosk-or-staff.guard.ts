import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthService, DomainError, ErrorCode, ROLES, type AuthUser, type Role } from '#core';
import type { KioskDeviceEntity } from './kiosk-device.entity.js';
import { KIOSK_DEVICE_HEADER, KioskAuthService } from './kiosk-auth.service.js';

interface KioskRequest {
  headers: Record<string, string | undefined>;
  params: Record<string, string | undefined>;
  user?: AuthUser;
  kiosk?: KioskDeviceEntity;
}

/** Who is calling a route that takes either credential: exactly one of them is set. */
export interface KioskOrUser {
  kiosk: KioskDeviceEntity | null;
  user: AuthUser | null;
}

/**
 * For routes marked @Public() (the global guard skips them): accepts `Authorization: Kiosk <token>` for a kiosk
 * bound to the meeting in `:id`, or a staff `Bearer` token whose role is in the route's @Roles.
 */
@Injectable()
export class KioskOrStaffGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly kiosks: KioskAuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<KioskRequest>();
    const header = req.headers['authorization'] ?? '';
    const kiosk = /^Kiosk\s+(\S+)$/i.exec(header);
    if (kiosk) {
      const device = req.headers[KIOSK_DEVICE_HEADER];
      req.kiosk = await this.kiosks.verify(kiosk[1], req.params.id ?? '', typeof device === 'string' ? device : undefined);
      return true;
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(header);
    if (!bearer) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first: a staff bearer token or a kiosk token (Authorization: Kiosk <token>)');
    req.user = await this.auth.verifyAccessToken(bearer[1]);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    if (roles && !roles.includes(req.user.role)) {
      throw new DomainError(ErrorCode.FORBIDDEN, `This action needs one of the roles: ${roles.join(', ')} (or a kiosk token)`);
    }
    return true;
  }
}

export const CurrentKioskOrUser = createParamDecorator((_: unknown, ctx: ExecutionContext): KioskOrUser => {
  const req = ctx.switchToHttp().getRequest<KioskRequest>();
  return { kiosk: req.kiosk ?? null, user: req.user ?? null };
});
