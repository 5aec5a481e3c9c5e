import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBase64, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';

export class DesignateCommitteeDto {
  @ApiProperty({ format: 'uuid', description: 'Trưởng ban kiểm phiếu: an invited delegate' })
  @IsUUID()
  headDelegateId: string;

  @ApiProperty({ type: [String], description: 'Other members (invited delegates), head excluded' })
  @IsArray()
  @ArrayMaxSize(30)
  @IsUUID(undefined, { each: true })
  memberDelegateIds: string[];

  @ApiPropertyOptional({ enum: ['server', 'committee'], description: "who holds the poll's key: the server (key file, destroyed at the count) or the committee (k of n shares)" })
  @IsOptional()
  @IsIn(['server', 'committee'])
  custody?: 'server' | 'committee';

  @ApiPropertyOptional({ description: 'committee custody: shares needed to open the ballots (default: a majority of the committee)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(31)
  threshold?: number;
}

export class CountingKeyDto {
  @ApiProperty({ description: 'uncompressed P-256 public point, base64 (65 bytes)' })
  @IsString()
  @IsBase64()
  @Length(80, 100)
  publicKey: string;

  @ApiProperty({ description: 'the private key sealed in the browser under the passphrase (salt | iv | AES-GCM), base64' })
  @IsString()
  @IsBase64()
  @Length(40, 1000)
  sealedPrivateKey: string;
}

export class KeyShareDto {
  @ApiProperty({ description: "the member's opened Shamir share, hex" })
  @IsString()
  @Matches(/^[0-9a-fA-F]{4,400}$/)
  share: string;
}

// the views are the contract's (#contracts), shared with apps/web: one definition, the server returns exactly them
export type { CommitteeMemberView, CommitteeView, CountReportView, ReceiptCheck, CountingKey, ShareGiven } from '#contracts';
