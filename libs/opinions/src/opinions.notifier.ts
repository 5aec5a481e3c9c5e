import { Inject, Injectable, Optional } from '@nestjs/common';

/** Where opinion and floor events go; the realtime library supplies the socket.io implementation. */
export interface OpinionsSink {
  toMeeting(meetingId: string, event: string, payload: unknown): void;
  toMeetingStaff(meetingId: string, event: string, payload: unknown): void;
  toDelegate(delegateId: string, event: string, payload: unknown): void;
}

export const OPINIONS_SINK = Symbol('OPINIONS_SINK');

type FloorListener = (meetingId: string, change: { requestId: string; delegateId: string; speaking: boolean }) => void;

@Injectable()
export class OpinionsNotifier {
  private sink: OpinionsSink | null = null;
  private readonly floorListeners: FloorListener[] = [];

  constructor(@Optional() @Inject(OPINIONS_SINK) sink?: OpinionsSink) {
    this.sink = sink ?? null;
  }

  use(sink: OpinionsSink): void {
    this.sink = sink;
  }

  /** Conferencing listens here to open or close an online speaker's microphone. */
  onFloorChange(listener: FloorListener): void {
    this.floorListeners.push(listener);
  }

  toMeeting(meetingId: string, event: string, payload: unknown): void {
    this.sink?.toMeeting(meetingId, event, payload);
  }
  toStaff(meetingId: string, event: string, payload: unknown): void {
    this.sink?.toMeetingStaff(meetingId, event, payload);
  }
  toDelegate(delegateId: string, event: string, payload: unknown): void {
    this.sink?.toDelegate(delegateId, event, payload);
  }
  floorChanged(meetingId: string, change: { requestId: string; delegateId: string; speaking: boolean }): void {
    this.toMeeting(meetingId, 'floor:changed', { meetingId, ...change });
    for (const l of this.floorListeners) l(meetingId, change);
  }
}
