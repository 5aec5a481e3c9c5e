import { Body, Controller, Delete, Get, HttpCode, Post, Put, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { ApiFile, ApiView, ApiViewList, type AuthUser, CurrentUser, DomainError, ErrorCode, Role, Roles, UuidParam } from '#core';
import { MeetingAccess } from '#meetings';
import { DocumentsErrorCode } from './documents.errors.js';
import { ConfigureP12Dto, ConfigurePkcs11Dto, SignDocumentDto } from './documents.dto.js';
import { DocumentsService, type OfficialDocumentView, type RegisteredVerifyReport } from './registry/documents.service.js';
import { SignDocumentUseCase } from './registry/sign-document.use-case.js';
import { TrustedRootsService, type TrustedRootView } from './registry/trusted-roots.service.js';
import { SignerKeysService, type SignerView } from './signers/signer-keys.service.js';

const { Admin, Secretary, Chair, Delegate, Observer } = Role;
const MAX_PDF = 30 * 1024 * 1024;

const required = (file: Express.Multer.File | undefined): Buffer => {
  if (!file) throw new DomainError(ErrorCode.VALIDATION_FAILED, 'A file is required in the multipart field "file"', [{ field: 'file', reasons: ['is required'] }]);
  return file.buffer;
};
const fileSchema = { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } };

@ApiTags('documents')
@ApiBearerAuth()
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly sign: SignDocumentUseCase,
    private readonly access: MeetingAccess,
  ) {}

  /** A document of a meeting the caller may not see does not exist for them (MeetingAccess policy: 404). */
  private async assertVisible(user: AuthUser, id: string): Promise<void> {
    const row = await this.documents.mustFind(id);
    if (row.meetingId && !(await this.access.canView(user, row.meetingId))) throw new DomainError(DocumentsErrorCode.DOCUMENT_NOT_FOUND, 'No such document');
  }

  @Get(':id')
  @Roles(Admin, Secretary, Chair, Delegate, Observer)
  @ApiView('OfficialDocumentView')
  async get(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<OfficialDocumentView> {
    await this.assertVisible(user, id);
    return this.documents.view(id);
  }

  /** The registered file as it is now; signed documents are immutable, so this is what was signed. */
  @Get(':id/file.pdf')
  @Roles(Admin, Secretary, Chair, Delegate, Observer)
  @ApiFile('application/pdf')
  async file(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<StreamableFile> {
    await this.assertVisible(user, id);
    const { row, pdf } = await this.documents.file(id);
    const name = `${row.number}-${row.symbol}-${row.year}.pdf`.replace(/[^A-Za-z0-9.-]/g, '-');
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="${name}"`, length: pdf.length });
  }

  @Get(':id/verification')
  @Roles(Admin, Secretary, Chair, Delegate, Observer)
  @ApiView('VerifyReport')
  async verification(@CurrentUser() user: AuthUser, @UuidParam('id') id: string): Promise<RegisteredVerifyReport> {
    await this.assertVisible(user, id);
    return this.documents.verify((await this.documents.file(id)).pdf);
  }

  /** Signs one block with the caller's key (PIN or key file password in the body, used once). */
  @Post(':id/sign')
  @HttpCode(200)
  @Roles(Admin, Secretary, Chair, Delegate)
  @ApiView('OfficialDocumentView')
  async signDocument(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() dto: SignDocumentDto): Promise<OfficialDocumentView> {
    await this.assertVisible(user, id);
    return this.sign.execute(user, id, dto.slot, dto.pin);
  }
}

@ApiTags('signatures')
@ApiBearerAuth()
@Controller('signatures')
export class SignaturesController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly keys: SignerKeysService,
    private readonly roots: TrustedRootsService,
  ) {}

  /** Verifies an uploaded PDF: each signature's signer, certificate, time, coverage and later changes. */
  @Post('verify')
  @HttpCode(200)
  @Roles(Admin, Secretary, Chair, Delegate, Observer)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_PDF } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody(fileSchema)
  @ApiView('VerifyReport')
  verify(@UploadedFile() file: Express.Multer.File | undefined): Promise<RegisteredVerifyReport> {
    return this.documents.verify(required(file));
  }

  @Get('signers')
  @Roles(Admin)
  @ApiViewList('SignerView')
  signers(): Promise<SignerView[]> {
    return this.keys.list();
  }

  @Put('signers/:userId/p12')
  @Roles(Admin)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 1024 * 1024 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file', 'password'], properties: { file: { type: 'string', format: 'binary' }, password: { type: 'string' } } } })
  @ApiView('SignerView')
  configureP12(@CurrentUser() admin: AuthUser, @UuidParam('userId') userId: string, @UploadedFile() file: Express.Multer.File | undefined, @Body() dto: ConfigureP12Dto): Promise<SignerView> {
    return this.keys.configureP12(admin, userId, required(file), dto.password);
  }

  @Put('signers/:userId/pkcs11')
  @Roles(Admin)
  @ApiView('SignerView')
  configurePkcs11(@CurrentUser() admin: AuthUser, @UuidParam('userId') userId: string, @Body() dto: ConfigurePkcs11Dto): Promise<SignerView> {
    return this.keys.configurePkcs11(admin, userId, dto.tokenLabel, dto.keyId, dto.chainPem);
  }

  @Delete('signers/:userId')
  @HttpCode(204)
  @Roles(Admin)
  removeSigner(@CurrentUser() admin: AuthUser, @UuidParam('userId') userId: string): Promise<void> {
    return this.keys.remove(admin, userId);
  }

  @Get('trusted-roots')
  @Roles(Admin, Secretary, Chair, Delegate, Observer)
  @ApiViewList('TrustedRootView')
  trustedRoots(): Promise<TrustedRootView[]> {
    return this.roots.list();
  }

  @Post('trusted-roots')
  @Roles(Admin)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 64 * 1024 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody(fileSchema)
  @ApiView('TrustedRootView', { status: 201 })
  addRoot(@CurrentUser() admin: AuthUser, @UploadedFile() file: Express.Multer.File | undefined): Promise<TrustedRootView> {
    return this.roots.add(admin, required(file));
  }

  @Delete('trusted-roots/:id')
  @HttpCode(204)
  @Roles(Admin)
  removeRoot(@CurrentUser() admin: AuthUser, @UuidParam('id') id: string): Promise<void> {
    return this.roots.remove(admin, id);
  }
}
