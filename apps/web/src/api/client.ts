import { tokenStore } from './tokens.js';
import type { TokenPair } from '#contracts';

/** The API's one error shape: `{ error: { code, message, details?, requestId } }`; NETWORK when the server was not reached. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const SESSION_ENDING = new Set(['TOKEN_EXPIRED', 'TOKEN_INVALID', 'TOKEN_REVOKED', 'UNAUTHENTICATED']);

type Listener = () => void;
const sessionEndedListeners = new Set<Listener>();

/** Called when the session cannot be kept (refresh refused): the app goes back to login. */
export function onSessionEnded(listener: Listener): () => void {
  sessionEndedListeners.add(listener);
  return () => void sessionEndedListeners.delete(listener);
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy's HTML page): fall back to the status
  }
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown } } | null)?.error;
  if (err && typeof err.code === 'string') {
    return new ApiError(err.code, typeof err.message === 'string' ? err.message : err.code, res.status, err.details, typeof err.requestId === 'string' ? err.requestId : undefined);
  }
  return new ApiError(res.status >= 500 ? 'INTERNAL' : 'UNKNOWN', `HTTP ${res.status}`, res.status);
}

async function send(path: string, init: RequestInit, token: string | undefined): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  try {
    return await fetch(`/api${path}`, { ...init, headers });
  } catch (e: unknown) {
    throw new ApiError('NETWORK', e instanceof Error ? e.message : 'network error', 0);
  }
}

let refreshing: Promise<string | null> | null = null;

/** One refresh at a time: concurrent 401s wait for the same rotation (replaying a refresh token revokes the session). */
export function refreshAccessToken(): Promise<string | null> {
  refreshing ??= (async () => {
    const current = tokenStore.get();
    if (!current) return null;
    const res = await send('/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: current.refreshToken }) }, undefined);
    if (!res.ok) {
      tokenStore.clear();
      sessionEndedListeners.forEach((l) => l());
      return null;
    }
    const pair = (await res.json()) as TokenPair;
    tokenStore.set(pair);
    return pair.accessToken;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** A request with the bearer token; a 401 TOKEN_EXPIRED refreshes once and retries. */
async function authorised(path: string, init: RequestInit): Promise<Response> {
  const token = tokenStore.get()?.accessToken;
  let res = await send(path, init, token);
  if (res.status === 401 && token) {
    const error = await toApiError(res.clone());
    if (error.code === 'TOKEN_EXPIRED') {
      const fresh = await refreshAccessToken();
      if (fresh) res = await send(path, init, fresh);
    } else if (SESSION_ENDING.has(error.code)) {
      tokenStore.clear();
      sessionEndedListeners.forEach((l) => l());
    }
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

export interface RequestOptions {
  method?: string;
  /** JSON body, or FormData for uploads. */
  body?: unknown;
  signal?: AbortSignal;
}

function init(opts: RequestOptions): RequestInit {
  const i: RequestInit = { method: opts.method ?? 'GET', signal: opts.signal };
  if (opts.body instanceof FormData) i.body = opts.body;
  else if (opts.body !== undefined) {
    i.body = JSON.stringify(opts.body);
    i.headers = { 'content-type': 'application/json' };
  }
  return i;
}

export async function apiJson<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await authorised(path, init(opts));
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export async function apiBlob(path: string, opts: RequestOptions = {}): Promise<Blob> {
  const res = await authorised(path, init(opts));
  return res.blob();
}

/** A file the server sends as an attachment: its bytes and the name from `Content-Disposition` (UTF-8 form first). */
export async function apiFile(path: string, opts: RequestOptions = {}): Promise<{ blob: Blob; filename: string | null }> {
  const res = await authorised(path, init(opts));
  return { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition')) };
}

export function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (utf8) {
    try {
      return decodeURIComponent(utf8[1].trim());
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  return /filename="([^"]*)"/i.exec(disposition)?.[1] ?? null;
}

/** Login is public: no token, no refresh. */
export async function login(username: string, password: string): Promise<TokenPair> {
  const res = await send('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) }, undefined);
  if (!res.ok) throw await toApiError(res);
  const pair = (await res.json()) as TokenPair;
  tokenStore.set(pair);
  return pair;
}

export async function logout(): Promise<void> {
  try {
    if (tokenStore.get()) await apiJson<void>('/auth/logout', { method: 'POST' });
  } catch {
    // the session may already be gone; signing out locally is what matters
  } finally {
    tokenStore.clear();
  }
}
