import { IsUUID } from 'class-validator';

/** `meeting:join` / `meeting:leave` payload. */
export class MeetingRefDto {
  @IsUUID()
  meetingId: string;
}
