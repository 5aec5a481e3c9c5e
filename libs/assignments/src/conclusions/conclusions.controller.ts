import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiView, ApiViewList, type AuthUser, CurrentUser, Role, Roles, UuidParam } from '#core';
import { CreateTaskUseCase } from '../tasks/create-task.use-case.js';
import type { TaskView } from '../tasks/task-view.js';
import { CreateTaskDto } from '../tasks/tasks.dto.js';
import { CreateConclusionDto, ReorderConclusionsDto, UpdateConclusionDto, type ConclusionView } from './conclusions.dto.js';
import { ConclusionsService } from './conclusions.service.js';

const { Admin, Secretary, Chair, Delegate, Observer } = Role;

/** Conclusions of a meeting (kết luận) and the tasks they assign; staff write, whoever sees the meeting reads. */
@ApiTags('conclusions')
@ApiBearerAuth()
@Controller('meetings/:id/conclusions')
export class ConclusionsController {
  constructor(
    private readonly conclusions: ConclusionsService,
    private readonly createTask: CreateTaskUseCase,
  ) {}

  @Get()
  @Roles(Admin, Secretary, Chair, Delegate, Observer)
  @ApiViewList('ConclusionView')
  list(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<ConclusionView[]> {
    return this.conclusions.list(user, meetingId);
  }

  @Post()
  @Roles(Admin, Secretary, Chair)
  @ApiView('ConclusionView', { status: 201 })
  create(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @Body() dto: CreateConclusionDto): Promise<ConclusionView> {
    return this.conclusions.create(user, meetingId, dto);
  }

  @Put('order')
  @Roles(Admin, Secretary, Chair)
  @ApiViewList('ConclusionView')
  reorder(@UuidParam('id') meetingId: string, @Body() dto: ReorderConclusionsDto): Promise<ConclusionView[]> {
    return this.conclusions.reorder(meetingId, dto);
  }

  @Patch(':conclusionId')
  @Roles(Admin, Secretary, Chair)
  @ApiView('ConclusionView')
  update(@UuidParam('id') meetingId: string, @UuidParam('conclusionId') conclusionId: string, @Body() dto: UpdateConclusionDto): Promise<ConclusionView> {
    return this.conclusions.update(meetingId, conclusionId, dto);
  }

  @Delete(':conclusionId')
  @HttpCode(204)
  @Roles(Admin, Secretary, Chair)
  remove(@UuidParam('id') meetingId: string, @UuidParam('conclusionId') conclusionId: string): Promise<void> {
    return this.conclusions.remove(meetingId, conclusionId);
  }

  @Post(':conclusionId/tasks')
  @Roles(Admin, Secretary, Chair)
  @ApiView('TaskView', { status: 201 })
  addTask(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string, @UuidParam('conclusionId') conclusionId: string, @Body() dto: CreateTaskDto): Promise<TaskView> {
    return this.createTask.execute(user, meetingId, conclusionId, dto);
  }
}
