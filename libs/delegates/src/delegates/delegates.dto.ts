import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Rule } from '../common/rule.decorator.js';
import { DELEGATE_CHECKS, DELEGATE_LIMITS } from './delegate-rules.js';

/** Query-string booleans: only "true" and "false" are booleans; anything else fails @IsBoolean. */
export const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class CreateDelegateDto {
  @ApiProperty({ example: 'Nguyễn Thị Thúy Hằng', maxLength: DELEGATE_LIMITS.fullName })
  @Rule(DELEGATE_CHECKS.fullName, { required: true })
  fullName: string;

  @ApiPropertyOptional({ example: 'Giám đốc Sở Tài chính', maxLength: DELEGATE_LIMITS.title, nullable: true })
  @Rule(DELEGATE_CHECKS.title)
  title?: string | null;

  @ApiPropertyOptional({ example: 'Sở Tài chính', maxLength: DELEGATE_LIMITS.organization, nullable: true })
  @Rule(DELEGATE_CHECKS.organization)
  organization?: string | null;

  @ApiPropertyOptional({ example: 'hang.ntt@hanoi.gov.vn', maxLength: DELEGATE_LIMITS.email, nullable: true, description: 'Unique, case-insensitive; stored lower-cased' })
  @Rule(DELEGATE_CHECKS.email)
  email?: string | null;

  @ApiPropertyOptional({ example: '0912345678', maxLength: DELEGATE_LIMITS.phone, nullable: true, description: 'Vietnamese number: 0912345678, +84912345678, 02438253536' })
  @Rule(DELEGATE_CHECKS.phone)
  phone?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  hasVotingRight?: boolean;
}

export class UpdateDelegateDto {
  @ApiPropertyOptional({ example: 'Nguyễn Thị Thúy Hằng', maxLength: DELEGATE_LIMITS.fullName })
  @Rule(DELEGATE_CHECKS.fullName)
  fullName?: string;

  @ApiPropertyOptional({ maxLength: DELEGATE_LIMITS.title, nullable: true })
  @Rule(DELEGATE_CHECKS.title)
  title?: string | null;

  @ApiPropertyOptional({ maxLength: DELEGATE_LIMITS.organization, nullable: true })
  @Rule(DELEGATE_CHECKS.organization)
  organization?: string | null;

  @ApiPropertyOptional({ maxLength: DELEGATE_LIMITS.email, nullable: true })
  @Rule(DELEGATE_CHECKS.email)
  email?: string | null;

  @ApiPropertyOptional({ maxLength: DELEGATE_LIMITS.phone, nullable: true })
  @Rule(DELEGATE_CHECKS.phone)
  phone?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  hasVotingRight?: boolean;
}

export class DelegateFilterDto {
  @ApiPropertyOptional({ description: 'Search in name, e-mail and organization; case- and accent-insensitive', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only members of this body' })
  @IsOptional()
  @IsUUID()
  bodyId?: string;
}

export class ListDelegatesQueryDto extends DelegateFilterDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

export class DelegateView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String, nullable: true }) organization: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty() hasVotingRight: boolean;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class DelegatePageView {
  @ApiProperty({ type: [DelegateView] }) items: DelegateView[];
  @ApiProperty() total: number;
}
