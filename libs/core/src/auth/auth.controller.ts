import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError } from '../errors/domain.error.js';
import { CurrentUser, Public } from './auth.decorators.js';
import { LoginDto, RefreshDto } from './auth.dto.js';
import type { AuthUser } from './auth-user.js';
import { AuthService, type TokenPair } from './auth.service.js';
import { ApiView } from '../http/api-view.js';
import { UserEntity } from './user.entity.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiView('TokenPair')
  login(@Body() dto: LoginDto, @Req() req: Request): Promise<TokenPair> {
    return this.auth.login(dto.username, dto.password, req.ip ?? 'unknown');
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiView('TokenPair')
  refresh(@Body() dto: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(dto.refreshToken);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() user: AuthUser): Promise<void> {
    await this.auth.logout(user);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiView('Me')
  async me(@CurrentUser() user: AuthUser): Promise<UserEntity> {
    const found = await this.users.findOne({ where: { id: user.id } });
    if (!found) throw DomainError.notFound('User', user.id);
    return found;
  }
}
