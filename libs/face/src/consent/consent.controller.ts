import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Role, Roles, UuidParam, type AuthUser } from '#core';
import { ConsentStatusView, GiveConsentDto, WithdrawResultView } from './consent.dto.js';
import { FaceConsentService } from './face-consent.service.js';

const { Admin, Secretary, Delegate } = Role;

/** Biometric consent of one delegate. A delegate acts only on their own record (checked in the service). */
@ApiTags('face')
@ApiBearerAuth()
@Controller('delegates/:id/face/consent')
export class FaceConsentController {
  constructor(private readonly consents: FaceConsentService) {}

  @Get()
  @Roles(Admin, Secretary, Delegate)
  @ApiOkResponse({ type: ConsentStatusView })
  status(@CurrentUser() user: AuthUser, @UuidParam('id') delegateId: string): Promise<ConsentStatusView> {
    return this.consents.status(user, delegateId);
  }

  @Post()
  @HttpCode(201)
  @Roles(Admin, Delegate)
  @ApiOperation({ summary: 'Give consent (the delegate themself) or record a signed paper consent (admin, paperReference required)' })
  @ApiCreatedResponse({ type: ConsentStatusView })
  give(@CurrentUser() user: AuthUser, @UuidParam('id') delegateId: string, @Body() dto: GiveConsentDto): Promise<ConsentStatusView> {
    return this.consents.give(user, delegateId, dto);
  }

  @Delete()
  @HttpCode(200)
  @Roles(Admin, Delegate)
  @ApiOperation({ summary: 'Withdraw consent: every descriptor of the delegate is deleted at once' })
  @ApiOkResponse({ type: WithdrawResultView })
  withdraw(@CurrentUser() user: AuthUser, @UuidParam('id') delegateId: string): Promise<WithdrawResultView> {
    return this.consents.withdraw(user, delegateId);
  }
}
