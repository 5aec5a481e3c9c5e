import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiView, ApiViewList, type AuthUser, CurrentUser, Role, Roles, UuidParam } from '#core';
import { CreateKioskDto } from '../attendance.dto.js';
import { KioskAuthService, type CreatedKiosk, type KioskView } from './kiosk-auth.service.js';

const { Admin, Secretary } = Role;

@ApiTags('attendance')
@ApiBearerAuth()
@Controller('meetings/:id/kiosks')
export class KiosksController {
  constructor(private readonly kiosks: KioskAuthService) {}

  /** The token is in this answer only. */
  @Post()
  @Roles(Admin, Secretary)
  @ApiView('CreatedKiosk', { status: 201 })
  create(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @Body() dto: CreateKioskDto): Promise<CreatedKiosk> {
    return this.kiosks.create(meetingId, dto.name, user.id);
  }

  @Get()
  @Roles(Admin, Secretary)
  @ApiViewList('Kiosk')
  list(@UuidParam('id') meetingId: string): Promise<KioskView[]> {
    return this.kiosks.list(meetingId);
  }

  @Delete(':kioskId')
  @HttpCode(204)
  @Roles(Admin, Secretary)
  revoke(@UuidParam('id') meetingId: string, @UuidParam('kioskId') kioskId: string): Promise<void> {
    return this.kiosks.revoke(meetingId, kioskId);
  }
}
