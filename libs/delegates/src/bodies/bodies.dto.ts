import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import type { ProfileSummary } from '#contracts';
import { BodyKind } from '#legal';
import { Rule } from '../common/rule.decorator.js';
import { checkOptionalText, type FieldCheck } from '../delegates/delegate-rules.js';

export const BODY_LIMITS = { name: 300, description: 1000, position: 200 } as const;

/** A body's name: NFC, trimmed, required, up to 300 characters. */
const checkName = (raw: unknown): FieldCheck<string> => {
  if (typeof raw !== 'string') return { ok: false, reason: 'must be a string' };
  const r = checkOptionalText(raw, BODY_LIMITS.name);
  if (!r.ok) return r;
  return r.value === null ? { ok: false, reason: 'must not be empty' } : { ok: true, value: r.value };
};
const checkDescription = (raw: unknown): FieldCheck<string | null> => checkOptionalText(raw, BODY_LIMITS.description);
const checkPosition = (raw: unknown): FieldCheck<string | null> => checkOptionalText(raw, BODY_LIMITS.position);

export class CreateBodyDto {
  @ApiProperty({ example: 'Ủy ban nhân dân quận Hoàn Kiếm', maxLength: BODY_LIMITS.name })
  @Rule(checkName, { required: true })
  name: string;

  @ApiPropertyOptional({ maxLength: BODY_LIMITS.description, nullable: true })
  @Rule(checkDescription)
  description?: string | null;

  @ApiPropertyOptional({ default: false, description: 'Whether the body rules allow proxy voting (kind `other` only)' })
  @IsOptional()
  @IsBoolean()
  allowProxyVoting?: boolean;

  @ApiPropertyOptional({ enum: BodyKind, default: BodyKind.Other, description: 'Legal profile; chosen at creation, never changed' })
  @IsOptional()
  @IsEnum(BodyKind)
  kind?: BodyKind;
}

export class UpdateBodyDto {
  @ApiPropertyOptional({ maxLength: BODY_LIMITS.name })
  @Rule(checkName)
  name?: string;

  @ApiPropertyOptional({ maxLength: BODY_LIMITS.description, nullable: true })
  @Rule(checkDescription)
  description?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  allowProxyVoting?: boolean;
}

export class AddMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  delegateId: string;

  @ApiPropertyOptional({ example: 'Phó Chủ tịch', maxLength: BODY_LIMITS.position, nullable: true })
  @Rule(checkPosition)
  position?: string | null;
}

/** The profile in words: the contract's shape (#contracts), one definition. */
export type { ProfileSummary };

export class BodyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty() allowProxyVoting: boolean;
  @ApiProperty({ enum: BodyKind }) kind: BodyKind;
  @ApiProperty({ description: "The legal profile's rules in words, with their source" }) profile: ProfileSummary;
  @ApiProperty({ description: 'Active delegates who are members' }) memberCount: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class BodyMemberView {
  @ApiProperty({ format: 'uuid' }) delegateId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String, nullable: true }) organization: string | null;
  @ApiProperty({ type: String, nullable: true }) position: string | null;
  @ApiProperty() hasVotingRight: boolean;
  @ApiProperty({ description: 'Inactive delegates stay listed (history) but are not counted' }) active: boolean;
  @ApiProperty() joinedAt: Date;
}

export class BodyDetailView extends BodyView {
  @ApiProperty({ type: [BodyMemberView] }) members: BodyMemberView[];
}
