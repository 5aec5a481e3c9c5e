import {
  AudioFrame,
  AudioSource,
  DisconnectReason,
  LocalAudioTrack,
  LocalVideoTrack,
  Room,
  RoomEvent,
  TrackPublishOptions,
  TrackSource,
  VideoBufferType,
  VideoFrame,
  VideoSource,
  type LocalTrackPublication,
} from '@livekit/rtc-node';

/**
 * A real WebRTC participant in Node (LiveKit's Rust client through @livekit/rtc-node): connects with a token the API
 * issued, publishes a microphone (silence) and a 320x240 camera (a moving grey ramp), and records what the server
 * does to it (mute, permission changes, removal).
 */
export class RtcParticipant {
  readonly room = new Room();
  disconnectReason: DisconnectReason | null = null;
  readonly mutedTracks: string[] = [];
  readonly permissionChanges: boolean[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly ticks: (() => void)[] = [];
  private audio: AudioSource | null = null;
  private video: VideoSource | null = null;

  static async join(url: string, token: string): Promise<RtcParticipant> {
    const p = new RtcParticipant();
    p.room.on(RoomEvent.Disconnected, (reason: DisconnectReason) => (p.disconnectReason = reason));
    p.room.on(RoomEvent.TrackMuted, (pub, participant) => {
      if (participant.identity === p.room.localParticipant?.identity && pub.sid) p.mutedTracks.push(pub.sid);
    });
    await p.room.connect(url, token, { autoSubscribe: true, dynacast: false });
    return p;
  }

  get identity(): string {
    return this.room.localParticipant!.identity;
  }

  async publishMicrophone(): Promise<LocalTrackPublication> {
    this.audio = new AudioSource(48000, 1);
    const track = LocalAudioTrack.createAudioTrack('microphone', this.audio);
    const pub = await this.room.localParticipant!.publishTrack(track, new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }));
    const silence = new AudioFrame(new Int16Array(480), 48000, 1, 480);
    this.startFrames(() => void this.audio?.captureFrame(silence).catch(() => undefined));
    return pub;
  }

  async publishCamera(width = 320, height = 240): Promise<LocalTrackPublication> {
    this.video = new VideoSource(width, height);
    const track = LocalVideoTrack.createVideoTrack('camera', this.video);
    const pub = await this.room.localParticipant!.publishTrack(track, new TrackPublishOptions({ source: TrackSource.SOURCE_CAMERA }));
    let n = 0;
    const frame = new Uint8Array((width * height * 3) / 2);
    this.startFrames(() => {
      n = (n + 4) % 256;
      frame.fill(n, 0, width * height);
      frame.fill(128, width * height);
      this.video?.captureFrame(new VideoFrame(frame, width, height, VideoBufferType.I420));
    });
    return pub;
  }

  private startFrames(tick: () => void): void {
    this.ticks.push(tick);
    this.timer ??= setInterval(() => this.ticks.forEach((t) => t()), 33);
  }

  async leave(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.room.disconnect().catch(() => undefined);
    await this.audio?.close().catch(() => undefined);
    await this.video?.close().catch(() => undefined);
  }
}

export { DisconnectReason, TrackSource };
