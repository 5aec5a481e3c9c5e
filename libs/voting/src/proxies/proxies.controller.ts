import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiView, ApiViewList, type AuthUser, CurrentUser, Role, Roles, UuidParam } from '#core';
import { ProxiesService } from './proxies.service.js';
import { RegisterProxyDto } from './proxies.dto.js';
import type { MyProxies, ProxyView } from './proxy.view.js';
import { RegisterProxyUseCase } from './register-proxy.use-case.js';

const { Admin, Secretary, Chair, Delegate } = Role;

/** Proxy voting ("ủy quyền biểu quyết"), per meeting; only in bodies with allow_proxy_voting. */
@ApiTags('polls')
@ApiBearerAuth()
@Controller('meetings/:id/proxies')
export class ProxiesController {
  constructor(
    private readonly proxies: ProxiesService,
    private readonly register: RegisterProxyUseCase,
  ) {}

  @Post()
  @Roles(Admin, Secretary, Chair)
  @ApiView('ProxyView', { status: 201 })
  create(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @Body() dto: RegisterProxyDto): Promise<ProxyView> {
    return this.register.execute(user, meetingId, dto);
  }

  @Get()
  @Roles(Admin, Secretary, Chair)
  @ApiViewList('ProxyView')
  list(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<ProxyView[]> {
    return this.proxies.list(user, meetingId);
  }

  /** The proxy the caller holds and the one they gave (active only). */
  @Get('mine')
  @Roles(Delegate, Chair)
  @ApiView('MyProxies')
  mine(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<MyProxies> {
    return this.proxies.mine(user, meetingId);
  }

  /** Revokes (never deletes: the record stays); answers the revoked proxy. */
  @Delete(':proxyId')
  @HttpCode(200)
  @Roles(Admin, Secretary, Chair)
  @ApiView('ProxyView')
  revoke(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @UuidParam('proxyId') proxyId: string): Promise<ProxyView> {
    return this.proxies.revoke(user, meetingId, proxyId);
  }
}
