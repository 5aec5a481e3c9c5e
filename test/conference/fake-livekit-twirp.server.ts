import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { TokenVerifier, type ClaimGrants } from 'livekit-server-sdk';

/** One call the SDK made, with the grants of the JWT it sent. */
export interface TwirpCall {
  service: string;
  method: string;
  body: Record<string, unknown>;
  grants: ClaimGrants;
}

export interface FakeParticipant {
  sid: string;
  identity: string;
  name?: string;
  joinedAtMs: number;
  tracks?: { sid: string; type: 'AUDIO' | 'VIDEO'; source: 'MICROPHONE' | 'CAMERA'; muted: boolean }[];
  permission?: { canPublish: boolean; canSubscribe: boolean; canPublishData: boolean };
}

interface FakeRoom {
  sid: string;
  name: string;
  emptyTimeout: number;
  maxParticipants: number;
  metadata: string;
}

type Rule = 'roomCreate' | 'roomList' | 'roomAdmin' | 'roomRecord';
const RULES: Record<string, Rule> = {
  'RoomService/CreateRoom': 'roomCreate',
  'RoomService/DeleteRoom': 'roomCreate',
  'RoomService/ListRooms': 'roomList',
  'RoomService/ListParticipants': 'roomAdmin',
  'RoomService/GetParticipant': 'roomAdmin',
  'RoomService/MutePublishedTrack': 'roomAdmin',
  'RoomService/RemoveParticipant': 'roomAdmin',
  'RoomService/UpdateParticipant': 'roomAdmin',
  'Egress/StartRoomCompositeEgress': 'roomRecord',
  'Egress/StopEgress': 'roomRecord',
};

/**
 * TEST DOUBLE. A loopback HTTP server speaking LiveKit's JSON Twirp API (`POST /twirp/livekit.RoomService/CreateRoom`...)
 * for the real livekit-server-sdk clients: it verifies the JWT each call carries with the API secret, checks the grant
 * LiveKit requires for the method (roomCreate, roomAdmin on that room, roomRecord...), keeps rooms, participants and
 * egresses in memory, answers the way LiveKit does (including Twirp `not_found` errors) and records every call.
 */
export class FakeLiveKitTwirpServer {
  readonly calls: TwirpCall[] = [];
  readonly rooms = new Map<string, FakeRoom>();
  readonly participants = new Map<string, FakeParticipant[]>();
  readonly egresses = new Map<string, { roomName: string; active: boolean }>();
  /** Calls refused for a bad token or a missing grant (should stay empty). */
  readonly refused: string[] = [];
  private server: Server | null = null;
  private seq = 0;
  private readonly verifier: TokenVerifier;

  constructor(apiKey: string, apiSecret: string) {
    this.verifier = new TokenVerifier(apiKey, apiSecret);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as { port: number };
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  callsTo(method: string): TwirpCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  addParticipant(room: string, p: FakeParticipant): void {
    this.participants.set(room, [...(this.participants.get(room) ?? []).filter((x) => x.sid !== p.sid), p]);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/twirp\/livekit\.(\w+)\/(\w+)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) return this.error(res, 404, 'bad_route', `no route ${req.method} ${req.url}`);
    const [, service, method] = match;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      return this.error(res, 400, 'malformed', 'body is not JSON');
    }
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    let grants: ClaimGrants;
    try {
      if (!auth) throw new Error('no bearer token');
      grants = await this.verifier.verify(auth[1]);
    } catch (err: unknown) {
      this.refused.push(`${service}/${method}: ${err instanceof Error ? err.message : String(err)}`);
      return this.error(res, 401, 'unauthenticated', 'invalid token');
    }
    const rule = RULES[`${service}/${method}`];
    if (!rule) return this.error(res, 404, 'bad_route', `unknown method ${service}/${method}`);
    const video = grants.video ?? {};
    const allowed = rule === 'roomAdmin' ? video.roomAdmin === true && video.room === body.room : video[rule] === true;
    if (!allowed) {
      this.refused.push(`${service}/${method}: missing ${rule}`);
      return this.error(res, 403, 'permission_denied', `needs ${rule}`);
    }
    this.calls.push({ service, method, body, grants });
    const result = this.answer(method, body);
    if ('error' in result) return this.error(res, 404, 'not_found', result.error);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(result.ok));
  }

  private answer(method: string, body: Record<string, unknown>): { ok: unknown } | { error: string } {
    const roomName = String(body.room ?? body.name ?? body.roomName ?? '');
    const inRoom = (identity: unknown): FakeParticipant | undefined => (this.participants.get(roomName) ?? []).find((p) => p.identity === identity);
    switch (method) {
      case 'CreateRoom': {
        // LiveKit's CreateRoom is get-or-create
        const room = this.rooms.get(roomName) ?? {
          sid: `RM_${++this.seq}`,
          name: roomName,
          emptyTimeout: Number(body.emptyTimeout ?? 0),
          maxParticipants: Number(body.maxParticipants ?? 0),
          metadata: String(body.metadata ?? ''),
        };
        this.rooms.set(roomName, room);
        return { ok: { ...room, creationTime: String(Math.floor(Date.now() / 1000)) } };
      }
      case 'DeleteRoom':
        if (!this.rooms.delete(roomName)) return { error: 'requested room does not exist' };
        this.participants.delete(roomName);
        return { ok: {} };
      case 'ListRooms':
        return { ok: { rooms: [...this.rooms.values()] } };
      case 'ListParticipants':
        if (!this.rooms.has(roomName)) return { error: 'requested room does not exist' };
        return { ok: { participants: (this.participants.get(roomName) ?? []).map((p) => this.info(p)) } };
      case 'GetParticipant': {
        const p = inRoom(body.identity);
        return p ? { ok: this.info(p) } : { error: 'participant does not exist' };
      }
      case 'MutePublishedTrack': {
        const track = inRoom(body.identity)?.tracks?.find((t) => t.sid === body.trackSid);
        if (!track) return { error: 'track does not exist' };
        track.muted = body.muted === true;
        return { ok: { track } };
      }
      case 'RemoveParticipant': {
        const p = inRoom(body.identity);
        if (!p) return { error: 'participant does not exist' };
        this.participants.set(roomName, (this.participants.get(roomName) ?? []).filter((x) => x !== p));
        return { ok: {} };
      }
      case 'UpdateParticipant': {
        const p = inRoom(body.identity);
        if (!p) return { error: 'participant does not exist' };
        const perm = (body.permission ?? {}) as Record<string, unknown>;
        p.permission = { canPublish: perm.canPublish === true, canSubscribe: perm.canSubscribe === true, canPublishData: perm.canPublishData === true };
        return { ok: this.info(p) };
      }
      case 'StartRoomCompositeEgress': {
        const egressId = `EG_${++this.seq}`;
        this.egresses.set(egressId, { roomName, active: true });
        return { ok: { egressId, roomName, status: 'EGRESS_STARTING' } };
      }
      case 'StopEgress': {
        const egress = this.egresses.get(String(body.egressId));
        if (!egress?.active) return { error: 'egress does not exist' };
        egress.active = false;
        return { ok: { egressId: body.egressId, roomName: egress.roomName, status: 'EGRESS_ENDING' } };
      }
      default:
        return { error: `unhandled ${method}` };
    }
  }

  private info(p: FakeParticipant): Record<string, unknown> {
    return {
      sid: p.sid,
      identity: p.identity,
      name: p.name ?? p.identity,
      state: 'ACTIVE',
      joinedAt: String(Math.floor(p.joinedAtMs / 1000)),
      joinedAtMs: String(p.joinedAtMs),
      tracks: p.tracks ?? [],
      permission: p.permission ?? { canPublish: true, canSubscribe: true, canPublishData: true },
    };
  }

  private error(res: ServerResponse, status: number, code: string, msg: string): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code, msg }));
  }
}
