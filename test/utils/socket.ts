import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ListenersOf, ServerEventPayloads, WsErrorBody } from '#realtime';

/** A socket.io client typed with the server's core event map plus the extra server events a test listens to. */
export type TestSocket<Extra extends object = object> = Socket<ListenersOf<ServerEventPayloads & Extra>, ClientToServerEvents>;

export interface ConnectRefused {
  message: string;
  data?: WsErrorBody;
}

function open<Extra extends object>(baseUrl: string, token: string | undefined, headers?: Record<string, string>): TestSocket<Extra> {
  return io(baseUrl, {
    auth: token ? { token } : {},
    extraHeaders: headers,
    transports: ['websocket'],
    reconnection: false,
    timeout: 5000,
    forceNew: true,
  });
}

/** Connects and waits for the server to accept; rejects with the connect_error payload otherwise. */
export function connectSocket<Extra extends object = object>(baseUrl: string, token?: string, headers?: Record<string, string>): Promise<TestSocket<Extra>> {
  const socket = open<Extra>(baseUrl, token, headers);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err: Error & { data?: WsErrorBody }) => {
      socket.close();
      reject(Object.assign(new Error(err.message), { data: err.data }));
    });
  });
}

/** Connects expecting a refusal and returns what the server said. */
export async function refusedConnection(baseUrl: string, token?: string, headers?: Record<string, string>): Promise<ConnectRefused> {
  try {
    const socket = await connectSocket(baseUrl, token, headers);
    socket.close();
  } catch (err: unknown) {
    const e = err as Error & { data?: WsErrorBody };
    return { message: e.message, data: e.data };
  }
  throw new Error('connection was accepted, expected a refusal');
}

/** Resolves with the next payload of `event`, or rejects after `ms`. */
export function nextEvent<T>(socket: Socket, event: string, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, onEvent);
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    const onEvent = (payload: T): void => {
      clearTimeout(timer);
      resolve(payload);
    };
    socket.once(event, onEvent);
  });
}

/** Emits with an ack and waits for the answer (untyped on purpose: tests also send malformed payloads). */
export function emitAck<T>(socket: Socket, event: string, payload: unknown, ms = 5000): Promise<T> {
  return socket.timeout(ms).emitWithAck(event, payload) as Promise<T>;
}
