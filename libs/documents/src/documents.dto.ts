import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class SignDocumentDto {
  @ApiProperty({ description: 'Signature block key, e.g. secretary or chair' })
  @IsString()
  @MaxLength(40)
  slot: string;

  @ApiProperty({ description: 'Token PIN or PKCS#12 password; used once, never stored' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  pin: string;
}

export class ConfigureP12Dto {
  @ApiProperty({ description: 'Password of the PKCS#12 file, to check it opens; not stored' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;
}

export class ConfigurePkcs11Dto {
  @ApiProperty({ description: 'Token label (CKA_LABEL of the token)' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  tokenLabel: string;

  @ApiProperty({ description: 'CKA_ID of the key and its certificate, hex' })
  @IsString()
  @Matches(/^[0-9a-fA-F]{1,128}$/)
  keyId: string;

  @ApiPropertyOptional({ description: 'PEM of the issuing CA certificates, when the token holds only the signer certificate' })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  chainPem?: string;
}
