import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError } from '../errors/domain.error.js';
import { ErrorCode } from '../errors/error-code.enum.js';
import { UuidParam } from '../http/uuid-param.js';
import { Roles } from './auth.decorators.js';
import { CreateUserDto, UpdateUserDto } from './auth.dto.js';
import { passwordHasher } from './password-hasher.js';
import { Role } from './role.enum.js';
import { UpdateUserUseCase } from './update-user.use-case.js';
import { ApiView, ApiViewList } from '../http/api-view.js';
import { UserEntity } from './user.entity.js';

@ApiTags('users')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('users')
export class UsersController {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly updateUser: UpdateUserUseCase,
  ) {}

  @Get()
  @ApiViewList('UserSummary')
  list(): Promise<UserEntity[]> {
    return this.users.find({ order: { username: 'ASC' } });
  }

  @Post()
  @ApiView('UserSummary', { status: 201 })
  async create(@Body() dto: CreateUserDto): Promise<UserEntity> {
    if (await this.users.exists({ where: { username: dto.username } })) {
      throw new DomainError(ErrorCode.DUPLICATE, `Username ${dto.username} is taken`);
    }
    const saved = await this.users.save(
      this.users.create({
        username: dto.username,
        displayName: dto.displayName,
        role: dto.role,
        delegateId: dto.delegateId ?? null,
        passwordHash: await passwordHasher.hash(dto.password),
        active: true,
      }),
    );
    return this.users.findOneOrFail({ where: { id: saved.id } });
  }

  @Patch(':id')
  @ApiView('UserSummary')
  update(@UuidParam('id') id: string, @Body() dto: UpdateUserDto): Promise<UserEntity> {
    return this.updateUser.execute(id, dto);
  }
}
