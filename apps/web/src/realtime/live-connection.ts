import type { Socket } from 'socket.io-client';
import type { ClientEvents, ServerEvents, WsAck } from '#contracts';
import { ApiError, refreshAccessToken } from '../api/client.js';
import { tokenStore } from '../api/tokens.js';

export type LiveStatus = 'connecting' | 'connected' | 'offline';

/**
 * The socket itself is untyped (socket.io-client cannot pick an ack type by a generic event name); `on`, `request`
 * and the handlers are typed by the contract's event maps (#contracts ServerEvents, ClientEvents), here only.
 */
type LiveSocket = Socket;
export type ServerEvent = keyof ServerEvents;
export type ClientEvent = keyof ClientEvents;
/** Handlers for some of the server's events, each typed by its payload. */
export type LiveHandlers = { [E in ServerEvent]?: (payload: ServerEvents[E]) => void };
type HandlerSets = { [E in ServerEvent]?: Set<(payload: ServerEvents[E]) => void> };

const JOIN_TIMEOUT_MS = 5000;
const REQUEST_TIMEOUT_MS = 8000;

/**
 * One socket.io connection per signed-in tab. Authenticates with `auth: { token }` (read afresh at every
 * (re)connect), re-joins every followed meeting room after a reconnect and tells the screens to resync,
 * since events sent while offline are lost. The client library is loaded on first use, off the first-load bundle.
 */
export class LiveConnection {
  private socket: LiveSocket | null = null;
  private starting: Promise<LiveSocket> | null = null;
  private status: LiveStatus = 'connecting';
  private readonly meetings = new Map<string, number>();
  private readonly handlers: HandlerSets = {};
  private readonly statusListeners = new Set<(s: LiveStatus) => void>();
  private readonly resyncListeners = new Set<() => void>();
  private closed = false;

  getStatus(): LiveStatus {
    return this.status;
  }

  onStatus(listener: (s: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => void this.statusListeners.delete(listener);
  }

  /** Called after every reconnect (not the first connect): refetch state that events may have changed meanwhile. */
  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => void this.resyncListeners.delete(listener);
  }

  on<E extends ServerEvent>(event: E, handler: (payload: ServerEvents[E]) => void): () => void {
    const set = this.handlerSet(event);
    if (set.size === 0 && this.socket) this.listen(this.socket, event);
    set.add(handler);
    return () => void set.delete(handler);
  }

  /** Follows a meeting room (reference counted: several screens may follow the same meeting). */
  joinMeeting(meetingId: string): () => void {
    const n = this.meetings.get(meetingId) ?? 0;
    this.meetings.set(meetingId, n + 1);
    void this.start().then((s) => {
      if (n === 0 && s.connected) void this.join(s, meetingId);
    });
    return () => {
      const left = (this.meetings.get(meetingId) ?? 1) - 1;
      if (left > 0) {
        this.meetings.set(meetingId, left);
        return;
      }
      this.meetings.delete(meetingId);
      if (this.socket?.connected) this.socket.emit('meeting:leave', { meetingId });
    };
  }

  /**
   * An acknowledged event. Rejects with ApiError NETWORK when not connected or unanswered in time (the caller may
   * retry), or with the server's error code.
   */
  async request<E extends ClientEvent>(event: E, payload: ClientEvents[E]['payload'], timeoutMs = REQUEST_TIMEOUT_MS): Promise<ClientEvents[E]['ack']> {
    const socket = await this.start();
    if (!socket.connected) throw new ApiError('NETWORK', 'not connected', 0);
    let ack: WsAck<ClientEvents[E]['ack']>;
    try {
      ack = await this.emitWithAck(socket.timeout(timeoutMs), event, payload);
    } catch {
      throw new ApiError('NETWORK', `no answer to ${event}`, 0);
    }
    if (!ack.ok) throw new ApiError(ack.error.code, ack.error.message, 0);
    return ack;
  }

  close(): void {
    this.closed = true;
    this.socket?.disconnect();
    this.socket = null;
    this.meetings.clear();
  }

  private start(): Promise<LiveSocket> {
    this.starting ??= import('socket.io-client').then(({ io }) => {
      let connectedBefore = false;
      const socket: LiveSocket = io({
        path: '/socket.io',
        transports: ['websocket', 'polling'],
        auth: (cb) => cb({ token: tokenStore.get()?.accessToken ?? '' }),
        reconnectionDelay: 500,
        reconnectionDelayMax: 5000,
        timeout: 8000,
      });
      socket.on('connect', () => {
        this.setStatus('connected');
        for (const meetingId of this.meetings.keys()) void this.join(socket, meetingId);
        if (connectedBefore) this.resyncListeners.forEach((l) => l());
        connectedBefore = true;
      });
      socket.on('disconnect', (reason) => {
        if (this.closed) return;
        this.setStatus('offline');
        // socket.io retries by itself after a network drop, but not after the server closed the socket (e.g. a restart)
        if (reason === 'io server disconnect') setTimeout(() => !this.closed && socket.connect(), 1000);
      });
      socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
        this.setStatus('offline');
        // a refusal by the server's auth middleware is not retried by socket.io itself
        if (socket.active) return;
        if (err.data?.code === 'TOKEN_EXPIRED') {
          void refreshAccessToken().then((token) => {
            if (token && !this.closed) socket.connect();
          });
        }
      });
      for (const event of Object.keys(this.handlers)) if (isServerEvent(event, this.handlers)) this.listen(socket, event);
      this.socket = socket;
      return socket;
    });
    return this.starting;
  }

  private async join(socket: LiveSocket, meetingId: string): Promise<void> {
    try {
      const ack = await this.emitWithAck(socket.timeout(JOIN_TIMEOUT_MS), 'meeting:join', { meetingId });
      if (!ack.ok) console.warn('meeting:join refused', ack.error.code);
    } catch {
      // no ack in time: the next reconnect joins again
    }
  }

  /** emitWithAck typed by the client event map: the ack is the event's WsAck. */
  private async emitWithAck<E extends ClientEvent>(socket: Pick<LiveSocket, 'emitWithAck'>, event: E, payload: ClientEvents[E]['payload']): Promise<WsAck<ClientEvents[E]['ack']>> {
    const ack: WsAck<ClientEvents[E]['ack']> = await socket.emitWithAck(event, payload);
    return ack;
  }

  private handlerSet<E extends ServerEvent>(event: E): Set<(payload: ServerEvents[E]) => void> {
    const known: HandlerSets[E] = this.handlers[event];
    if (known) return known;
    const made = new Set<(payload: ServerEvents[E]) => void>();
    const sets: HandlerSets = this.handlers;
    Object.assign(sets, { [event]: made });
    return made;
  }

  private listen<E extends ServerEvent>(socket: LiveSocket, event: E): void {
    // a plain name: socket.io's reserved-event typing cannot be resolved for a generic one
    const name: string = event;
    socket.on(name, (payload: ServerEvents[E]) => this.handlers[event]?.forEach((h) => h(payload)));
  }

  private setStatus(s: LiveStatus): void {
    if (s === this.status) return;
    this.status = s;
    this.statusListeners.forEach((l) => l(s));
  }
}

function isServerEvent(name: string, handlers: HandlerSets): name is ServerEvent {
  return Object.hasOwn(handlers, name);
}

let shared: LiveConnection | null = null;

export function liveConnection(): LiveConnection {
  shared ??= new LiveConnection();
  return shared;
}

/** On sign-out: the next user gets a new connection with their own token. */
export function closeLiveConnection(): void {
  shared?.close();
  shared = null;
}
