import { ApiProperty } from '@nestjs/swagger';

/** What is known about a delegate's enrolment: never the descriptors themselves. */
export class FaceEnrolmentStatusView {
  @ApiProperty({ format: 'uuid' }) delegateId: string;
  @ApiProperty() consentActive: boolean;
  @ApiProperty({ description: 'Stored descriptors (one per accepted photo)' }) descriptors: number;
  @ApiProperty({ type: Date, nullable: true }) enrolledAt: Date | null;
  @ApiProperty({ description: 'Largest number of photos per enrolment; a new enrolment replaces the previous one' }) maxPhotos: number;
}

export class EnrolmentResultView extends FaceEnrolmentStatusView {
  @ApiProperty({ description: 'Descriptors of the previous enrolment that this one replaced' }) replaced: number;
}

export class DeleteEnrolmentView extends FaceEnrolmentStatusView {
  @ApiProperty() descriptorsDeleted: number;
}
