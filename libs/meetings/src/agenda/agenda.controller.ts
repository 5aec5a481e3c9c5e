import { Body, Controller, Delete, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiView, ApiViewList, Role, Roles, UuidParam } from '#core';
import type { AgendaItemEntity } from '../agenda-item.entity.js';
import { AgendaItemInputDto, ReorderAgendaDto, UpdateAgendaItemDto } from './agenda.dto.js';
import { AgendaService } from './agenda.service.js';
import { ReorderAgendaUseCase } from './reorder-agenda.use-case.js';

const { Admin, Secretary } = Role;

/** Agenda writes (reads come with GET /meetings/:id). Not once the meeting is closed (409 MEETING_LOCKED). */
@ApiTags('meetings')
@ApiBearerAuth()
@Controller('meetings/:id/agenda')
export class AgendaController {
  constructor(
    private readonly agenda: AgendaService,
    private readonly reorderAgenda: ReorderAgendaUseCase,
  ) {}

  @Post()
  @Roles(Admin, Secretary)
  @ApiView('AgendaItem', { status: 201 })
  append(@UuidParam('id') meetingId: string, @Body() dto: AgendaItemInputDto): Promise<AgendaItemEntity> {
    return this.agenda.append(meetingId, dto);
  }

  @Put('order')
  @Roles(Admin, Secretary)
  @ApiViewList('AgendaItem')
  reorder(@UuidParam('id') meetingId: string, @Body() dto: ReorderAgendaDto): Promise<AgendaItemEntity[]> {
    return this.reorderAgenda.execute(meetingId, dto.itemIds);
  }

  @Patch(':itemId')
  @Roles(Admin, Secretary)
  @ApiView('AgendaItem')
  update(@UuidParam('id') meetingId: string, @UuidParam('itemId') itemId: string, @Body() dto: UpdateAgendaItemDto): Promise<AgendaItemEntity> {
    return this.agenda.update(meetingId, itemId, dto);
  }

  @Delete(':itemId')
  @HttpCode(204)
  @Roles(Admin, Secretary)
  remove(@UuidParam('id') meetingId: string, @UuidParam('itemId') itemId: string): Promise<void> {
    return this.agenda.remove(meetingId, itemId);
  }
}
