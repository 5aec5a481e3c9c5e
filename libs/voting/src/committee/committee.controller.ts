import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiView, type AuthUser, CurrentUser, DomainError, ErrorCode, Role, Roles, UuidParam } from '#core';
import { CommitteeService } from './committee.service.js';
import { CountingKeyDto, DesignateCommitteeDto, KeyShareDto, type CommitteeView, type CountReportView, type ReceiptCheck } from './committee.dto.js';

const { Admin, Secretary, Chair, Delegate, Observer } = Role;

@ApiTags('counting committee')
@ApiBearerAuth()
@Controller()
export class CommitteeController {
  constructor(private readonly committee: CommitteeService) {}

  /** The secretary designates the counting committee (ban kiểm phiếu) of a secret poll: head first, then members. */
  @Put('polls/:id/committee')
  @Roles(Admin, Secretary, Chair)
  @ApiView('CommitteeView')
  designate(@CurrentUser() user: AuthUser, @UuidParam('id') pollId: string, @Body() dto: DesignateCommitteeDto): Promise<CommitteeView> {
    return this.committee.designate(user, pollId, dto);
  }

  @Get('polls/:id/committee')
  @Roles(Admin, Secretary, Chair, Delegate, Observer)
  @ApiView('CommitteeView')
  view(@CurrentUser() user: AuthUser, @UuidParam('id') pollId: string): Promise<CommitteeView> {
    return this.committee.view(user, pollId);
  }

  /** A member confirms the count shown in the report. */
  @Post('polls/:id/count/confirm')
  @HttpCode(200)
  @Roles(Delegate, Chair, Secretary, Admin)
  @ApiView('CommitteeView')
  confirm(@CurrentUser() user: AuthUser, @UuidParam('id') pollId: string): Promise<CommitteeView> {
    return this.committee.confirm(user, pollId);
  }

  @Get('polls/:id/count-report')
  @Roles(Admin, Secretary, Chair, Delegate)
  @ApiView('CountReportView')
  report(@CurrentUser() user: AuthUser, @UuidParam('id') pollId: string): Promise<CountReportView> {
    return this.committee.report(user, pollId);
  }

  /** Receipt check: answers `counted` or `not_found`, nothing else. */
  @Get('polls/:id/receipts/:receipt')
  @Roles(Admin, Secretary, Chair, Delegate, Observer)
  @ApiView('ReceiptCheck')
  checkReceipt(@CurrentUser() user: AuthUser, @UuidParam('id') pollId: string, @Param('receipt') receipt: string): Promise<ReceiptCheck> {
    if (!/^[0-9A-Fa-f]{16}$/.test(receipt)) throw new DomainError(ErrorCode.VALIDATION_FAILED, 'A receipt is 16 hexadecimal characters', [{ field: 'receipt', reasons: ['16 hex characters'] }]);
    return this.committee.checkReceipt(user, pollId, receipt);
  }

  /** Committee custody: the caller's counting key (public point + private key sealed in their browser). */
  @Put('me/counting-key')
  @Roles(Delegate, Chair, Secretary, Admin)
  @ApiView('Ok')
  async setCountingKey(@CurrentUser() user: AuthUser, @Body() dto: CountingKeyDto): Promise<{ ok: true }> {
    await this.committee.setCountingKey(user, Buffer.from(dto.publicKey, 'base64'), Buffer.from(dto.sealedPrivateKey, 'base64'));
    return { ok: true };
  }

  @Get('me/counting-key')
  @Roles(Delegate, Chair, Secretary, Admin)
  @ApiView('CountingKey')
  countingKey(@CurrentUser() user: AuthUser): Promise<{ publicKey: string; sealedPrivateKey: string }> {
    return this.committee.countingKey(user);
  }

  @Get('polls/:id/count/share')
  @Roles(Delegate, Chair, Secretary, Admin)
  @ApiView('SealedShare')
  myShare(@CurrentUser() user: AuthUser, @UuidParam('id') pollId: string): Promise<{ sealed: string }> {
    return this.committee.myShare(user, pollId);
  }

  @Post('polls/:id/count/share')
  @HttpCode(200)
  @Roles(Delegate, Chair, Secretary, Admin)
  @ApiView('ShareGiven')
  giveShare(@CurrentUser() user: AuthUser, @UuidParam('id') pollId: string, @Body() dto: KeyShareDto): Promise<{ given: number; threshold: number; counted: boolean }> {
    return this.committee.giveShare(user, pollId, dto.share);
  }
}
