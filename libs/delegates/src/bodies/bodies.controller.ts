import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiView, Role, Roles, UuidParam } from '#core';
import { REGISTRY_READERS } from '../delegates/delegates.controller.js';
import { AddBodyMemberUseCase } from './add-body-member.use-case.js';
import { AddMemberDto, BodyDetailView, BodyView, CreateBodyDto, UpdateBodyDto } from './bodies.dto.js';
import { BodiesService } from './bodies.service.js';

@ApiTags('bodies')
@ApiBearerAuth()
@Controller('bodies')
export class BodiesController {
  constructor(
    private readonly bodies: BodiesService,
    private readonly addMember: AddBodyMemberUseCase,
  ) {}

  @Get()
  @Roles(...REGISTRY_READERS)
  @ApiOkResponse({ type: [BodyView] })
  list(): Promise<BodyView[]> {
    return this.bodies.list();
  }

  @Post()
  @Roles(Role.Admin)
  @ApiView('BodyDetail', { status: 201 })
  create(@Body() dto: CreateBodyDto): Promise<BodyDetailView> {
    return this.bodies.create(dto);
  }

  @Get(':id')
  @Roles(...REGISTRY_READERS)
  @ApiOkResponse({ type: BodyDetailView })
  get(@UuidParam('id') id: string): Promise<BodyDetailView> {
    return this.bodies.get(id);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiView('BodyDetail')
  update(@UuidParam('id') id: string, @Body() dto: UpdateBodyDto): Promise<BodyDetailView> {
    return this.bodies.update(id, dto);
  }

  @Post(':id/members')
  @Roles(Role.Admin)
  @ApiView('BodyDetail', { status: 201 })
  async add(@UuidParam('id') id: string, @Body() dto: AddMemberDto): Promise<BodyDetailView> {
    await this.addMember.execute(id, dto);
    return this.bodies.get(id);
  }

  @Delete(':id/members/:delegateId')
  @HttpCode(204)
  @Roles(Role.Admin)
  async remove(@UuidParam('id') id: string, @UuidParam('delegateId') delegateId: string): Promise<void> {
    await this.bodies.removeMember(id, delegateId);
  }
}
