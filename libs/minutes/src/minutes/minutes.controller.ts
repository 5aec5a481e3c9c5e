import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiView, type AuthUser, CurrentUser, Role, Roles, UuidParam } from '#core';
import { DocumentsService } from '#documents';
import { MeetingAccess } from '#meetings';
import { DraftMinutesUseCase } from './draft-minutes.use-case.js';
import { LockMinutesUseCase } from './lock-minutes.use-case.js';
import type { OfficialDocumentView } from '#documents';
import { IssueMinutesUseCase, MINUTES_DOCUMENT_KIND } from './issue-minutes.use-case.js';
import { EditMinutesDto, IssueMinutesDto } from './minutes.dto.js';
import { MinutesService } from './minutes.service.js';
import type { MinutesView } from './minutes.view.js';
import type { CurrentMinutes } from '#contracts';

const { Admin, Secretary, Chair } = Role;

@ApiTags('minutes')
@ApiBearerAuth()
@Controller('meetings/:id/minutes')
export class MinutesController {
  constructor(
    private readonly minutes: MinutesService,
    private readonly draft: DraftMinutesUseCase,
    private readonly lock: LockMinutesUseCase,
    private readonly issue: IssueMinutesUseCase,
    private readonly documents: DocumentsService,
    private readonly access: MeetingAccess,
  ) {}

  @Get()
  @Roles(Admin, Secretary, Chair)
  @ApiView('MinutesView')
  async get(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<MinutesView> {
    await this.access.assertCanView(user, meetingId);
    return this.minutes.get(meetingId);
  }

  /** The minutes or null while there are none: the screens ask this, since "not drafted yet" is no error for them. */
  @Get('current')
  @Roles(Admin, Secretary, Chair)
  @ApiView('CurrentMinutes')
  async current(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<CurrentMinutes> {
    await this.access.assertCanView(user, meetingId);
    return { minutes: await this.minutes.find(meetingId) };
  }

  /** Writes the draft from the meeting's data (again, while it is a draft: edits are replaced). */
  @Post('draft')
  @HttpCode(200)
  @Roles(Admin, Secretary)
  @ApiView('MinutesView')
  async generate(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<MinutesView> {
    await this.access.assertCanView(user, meetingId);
    return this.draft.execute(user, meetingId);
  }

  @Put()
  @Roles(Admin, Secretary)
  @ApiView('MinutesView')
  async edit(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @Body() dto: EditMinutesDto): Promise<MinutesView> {
    await this.access.assertCanView(user, meetingId);
    return this.minutes.edit(user, meetingId, dto);
  }

  @Post('lock')
  @HttpCode(200)
  @Roles(Admin, Secretary, Chair)
  @ApiView('MinutesView')
  async lockMinutes(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<MinutesView> {
    await this.access.assertCanView(user, meetingId);
    return this.lock.execute(user, meetingId);
  }

  /** Registers the locked minutes (number of the body for the year) for the secretary's and the chair's signatures. */
  @Post('document')
  @HttpCode(200)
  @Roles(Admin, Secretary)
  @ApiView('OfficialDocumentView')
  async issueDocument(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @Body() dto: IssueMinutesDto): Promise<OfficialDocumentView> {
    await this.access.assertCanView(user, meetingId);
    return this.issue.execute(user, meetingId, dto);
  }

  /** The registered minutes and their signatures (who signed, when, who still has to); null before registration. */
  @Get('document')
  @Roles(Admin, Secretary, Chair)
  @ApiView('RegisteredDocument')
  async document(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<{ document: OfficialDocumentView | null }> {
    await this.access.assertCanView(user, meetingId);
    const m = await this.minutes.get(meetingId);
    // wrapped: a bare null would go out as an empty body, which is not JSON
    return { document: await this.documents.findBySource(MINUTES_DOCUMENT_KIND, m.id) };
  }
}
