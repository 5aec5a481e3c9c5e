import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiView, ApiViewList, Role, Roles, UuidParam } from '#core';
import { AddUnitMemberDto, CreateUnitDto, UpdateUnitDto, type UnitView } from './units.dto.js';
import { UnitsService } from './units.service.js';

const { Admin, Secretary, Chair } = Role;

/** Units registry (cơ quan, đơn vị): admin writes, staff read (to assign tasks). */
@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @Roles(Admin, Secretary, Chair)
  @ApiViewList('Unit')
  list(): Promise<UnitView[]> {
    return this.units.list();
  }

  @Get(':id')
  @Roles(Admin, Secretary, Chair)
  @ApiView('Unit')
  get(@UuidParam('id') id: string): Promise<UnitView> {
    return this.units.get(id);
  }

  @Post()
  @Roles(Admin)
  @ApiView('Unit', { status: 201 })
  create(@Body() dto: CreateUnitDto): Promise<UnitView> {
    return this.units.create(dto);
  }

  @Patch(':id')
  @Roles(Admin)
  @ApiView('Unit')
  update(@UuidParam('id') id: string, @Body() dto: UpdateUnitDto): Promise<UnitView> {
    return this.units.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Admin)
  remove(@UuidParam('id') id: string): Promise<void> {
    return this.units.remove(id);
  }

  @Post(':id/members')
  @Roles(Admin)
  @ApiView('Unit', { status: 201 })
  addMember(@UuidParam('id') id: string, @Body() dto: AddUnitMemberDto): Promise<UnitView> {
    return this.units.addMember(id, dto);
  }

  @Delete(':id/members/:delegateId')
  @HttpCode(204)
  @Roles(Admin)
  removeMember(@UuidParam('id') id: string, @UuidParam('delegateId') delegateId: string): Promise<void> {
    return this.units.removeMember(id, delegateId);
  }
}
