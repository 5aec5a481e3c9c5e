import { Controller, Delete, Get, HttpCode, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Role, Roles, UuidParam, type AuthUser } from '#core';
import { EnrolFaceUseCase, MAX_ENROLMENT_PHOTOS } from './enrol-face.use-case.js';
import { DeleteEnrolmentView, EnrolmentResultView, FaceEnrolmentStatusView } from './enrolment.dto.js';

const { Admin, Secretary, Delegate } = Role;

/** Enrolment of one delegate's face (with active consent). A delegate acts only on themself (checked in the use case). */
@ApiTags('face')
@ApiBearerAuth()
@Controller('delegates/:id/face')
export class FaceEnrolmentController {
  constructor(private readonly enrolment: EnrolFaceUseCase) {}

  @Get()
  @Roles(Admin, Secretary, Delegate)
  @ApiOkResponse({ type: FaceEnrolmentStatusView })
  status(@CurrentUser() user: AuthUser, @UuidParam('id') delegateId: string): Promise<FaceEnrolmentStatusView> {
    return this.enrolment.status(user, delegateId);
  }

  @Post('enrolments')
  @HttpCode(201)
  @Roles(Admin, Delegate)
  // one more than allowed so the use case answers TOO_MANY_PHOTOS instead of multer's generic limit error
  @UseInterceptors(FilesInterceptor('photos', MAX_ENROLMENT_PHOTOS + 1))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { photos: { type: 'array', items: { type: 'string', format: 'binary' }, maxItems: MAX_ENROLMENT_PHOTOS } } } })
  @ApiOperation({ summary: 'Enrol 1-5 JPEG/PNG photos (replaces any previous enrolment); only encrypted descriptors are kept' })
  @ApiCreatedResponse({ type: EnrolmentResultView })
  enrol(@CurrentUser() user: AuthUser, @UuidParam('id') delegateId: string, @UploadedFiles() photos: Express.Multer.File[] | undefined): Promise<EnrolmentResultView> {
    return this.enrolment.enrol(user, delegateId, photos ?? []);
  }

  @Delete()
  @HttpCode(200)
  @Roles(Admin, Delegate)
  @ApiOkResponse({ type: DeleteEnrolmentView })
  remove(@CurrentUser() user: AuthUser, @UuidParam('id') delegateId: string): Promise<DeleteEnrolmentView> {
    return this.enrolment.remove(user, delegateId);
  }
}
