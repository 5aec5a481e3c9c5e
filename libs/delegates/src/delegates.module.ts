import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BodyMemberEntity } from './body-member.entity.js';
import { BodyEntity } from './body.entity.js';
import { DelegateEntity } from './delegate.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([DelegateEntity, BodyEntity, BodyMemberEntity])],
  exports: [TypeOrmModule],
})
export class DelegatesModule {}
