import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiFile, ApiView, ApiViewList, type AuthUser, CurrentUser, Role, Roles, UuidParam } from '#core';
import { ChangeTaskStatusUseCase } from './change-task-status.use-case.js';
import type { TaskView } from './task-view.js';
import { CompleteTaskDto, ListTasksQueryDto, UpdateTaskDto, type UnitTaskCounts } from './tasks.dto.js';
import { TasksExporter } from './tasks.exporter.js';
import { TasksService, type MyTasks } from './tasks.service.js';
import { UpdateTaskUseCase } from './update-task.use-case.js';

const { Admin, Secretary, Chair, Delegate } = Role;

/**
 * Assigned tasks. Staff see all; a lead unit's people see theirs (`mine`) and start or complete them (403
 * NOT_LEAD_UNIT for anyone else, cooperating units included).
 */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly changeStatus: ChangeTaskStatusUseCase,
    private readonly exporter: TasksExporter,
    private readonly updateTask: UpdateTaskUseCase,
  ) {}

  @Get()
  @Roles(Admin, Secretary, Chair)
  @ApiViewList('TaskView')
  list(@Query() query: ListTasksQueryDto): Promise<TaskView[]> {
    return this.tasks.list(query);
  }

  // fixed paths come before ':id' so "mine" is not taken for an id
  @Get('mine')
  @Roles(Admin, Secretary, Chair, Delegate)
  @ApiView('MyTasks')
  mine(@CurrentUser() user: AuthUser): Promise<MyTasks> {
    return this.tasks.mine(user);
  }

  @Get('dashboard')
  @Roles(Admin, Secretary, Chair)
  @ApiViewList('UnitTaskCounts')
  dashboard(): Promise<UnitTaskCounts[]> {
    return this.tasks.dashboard();
  }

  @Get('export.xlsx')
  @Roles(Admin, Secretary, Chair)
  @ApiFile('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async exportXlsx(@Query() query: ListTasksQueryDto): Promise<StreamableFile> {
    return new StreamableFile(await this.exporter.xlsx(query), {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: 'attachment; filename="nhiem-vu.xlsx"',
    });
  }

  @Get(':id')
  @Roles(Admin, Secretary, Chair, Delegate)
  @ApiView('TaskView')
  get(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<TaskView> {
    return this.tasks.get(user, id);
  }

  @Patch(':id')
  @Roles(Admin, Secretary, Chair)
  @ApiView('TaskView')
  update(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() dto: UpdateTaskDto): Promise<TaskView> {
    return this.updateTask.update(user, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Admin, Secretary, Chair)
  remove(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<void> {
    return this.updateTask.remove(user, id);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles(Admin, Secretary, Chair, Delegate)
  @ApiView('TaskView')
  start(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<TaskView> {
    return this.changeStatus.start(user, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles(Admin, Secretary, Chair, Delegate)
  @ApiView('TaskView')
  complete(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() dto: CompleteTaskDto): Promise<TaskView> {
    return this.changeStatus.complete(user, id, dto.report);
  }
}
