/**
 * The one way the dashboard talks to the server: same-origin fetches under /api/v1 with the session
 * cookie, JSON in and out, errors turned into `ApiError` with the server's stable code. A 401 anywhere
 * sends the user back to the login page (the session expired or the token was revoked).
 */
export const API = '/api/v1';

/** A failed request: HTTP status plus the server's `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let unauthorized: () => void = () => undefined;

/** Sets what happens on a 401 (the app shows the login page). */
export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
}

export interface RequestOptions {
  /** A raw text body (a YAML or JSON spec) instead of JSON-encoding `body`. */
  text?: string;
  signal?: AbortSignal;
  /** Do not trigger the login page on 401 (the login request itself). */
  quiet401?: boolean;
}

/** Whether `text` is a JSON document (a spec pasted as JSON) rather than YAML. */
export function looksLikeJson(text: string): boolean {
  const t = text.trim();
  if (!t.startsWith('{')) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

/** Performs one API request and resolves to the parsed JSON body (undefined for 204). */
export async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: string | undefined;
  if (opts.text !== undefined) {
    headers['content-type'] = looksLikeJson(opts.text) ? 'application/json' : 'application/yaml';
    payload = opts.text;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(API + path, { method, headers, body: payload, credentials: 'same-origin', signal: opts.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'E_NETWORK', 'The server cannot be reached.');
  }
  if (res.status === 204) return undefined as T;
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  const data: unknown = isJson ? await res.json().catch(() => null) : await res.text();
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; details?: unknown } | string } | null)?.error;
    const code = typeof e === 'object' && e?.code ? e.code : `HTTP_${res.status}`;
    const message = typeof e === 'object' && e?.message ? e.message : typeof e === 'string' ? e : `${res.status} ${res.statusText}`;
    if (res.status === 401 && !opts.quiet401) unauthorized();
    throw new ApiError(res.status, code, message, typeof e === 'object' ? e?.details : undefined);
  }
  return data as T;
}

export const get = <T>(path: string, signal?: AbortSignal): Promise<T> => request<T>('GET', path, undefined, { signal });
export const post = <T>(path: string, body?: unknown): Promise<T> => request<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: unknown): Promise<T> => request<T>('PATCH', path, body);
export const put = <T>(path: string, body: unknown): Promise<T> => request<T>('PUT', path, body);
export const del = (path: string): Promise<void> => request<void>('DELETE', path);

/** `encodeURIComponent` for one path segment (run ids, model names, aliases). */
export const seg = (s: string | number): string => encodeURIComponent(String(s));
