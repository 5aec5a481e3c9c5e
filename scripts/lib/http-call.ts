/** One HTTP call of the benchmark scripts: a bearer token, a JSON body, FormData or raw bytes; JSON answers parsed. */
export async function httpCall<T>(base: string, method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T | null; text: string }> {
  const h: Record<string, string> = { ...headers };
  if (token) h.authorization ??= `Bearer ${token}`;
  let payload: BodyInit | undefined;
  if (body instanceof FormData || body instanceof Uint8Array) payload = body as BodyInit;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    h['content-type'] = 'application/json';
  }
  const res = await fetch(base + path, { method, headers: h, body: payload });
  const text = await res.text();
  const json = text !== '' && (res.headers.get('content-type') ?? '').includes('json');
  return { status: res.status, body: json ? (JSON.parse(text) as T) : null, text };
}
