// What a client does, over plain HTTP and WebSocket: tRPC calls, tus uploads, a resumable subscription.
import WebSocket from 'ws';

export interface Caller {
  /** Added to every request: the client IP the servers see (behind HAProxy, TRUST_PROXY), unique per test run. */
  headers: Record<string, string>;
}

interface TrpcEnvelope<T> {
  result?: { data: T };
  error?: { message: string; code: number; data?: { code?: string } };
}

export class TrpcError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  constructor(status: number, message: string, code: string | undefined) {
    super(`${status} ${code ?? ''}: ${message}`);
    this.status = status;
    this.code = code;
  }
}

async function answer<T>(res: Response): Promise<T> {
  const text = await res.text();
  let body: TrpcEnvelope<T>;
  try {
    body = JSON.parse(text) as TrpcEnvelope<T>;
  } catch {
    throw new TrpcError(res.status, text.slice(0, 200) || res.statusText, undefined);
  }
  if (!res.ok || !body.result) throw new TrpcError(res.status, body.error?.message ?? res.statusText, body.error?.data?.code);
  return body.result.data;
}

export async function mutation<T>(origin: string, path: string, input: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${origin}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: input === undefined ? undefined : JSON.stringify(input),
  });
  return answer<T>(res);
}

export async function query<T>(origin: string, path: string, input: unknown, headers: Record<string, string> = {}): Promise<T> {
  const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return answer<T>(await fetch(`${origin}/trpc/${path}${q}`, { headers }));
}

export interface Account {
  username: string;
  token: string;
  /** Authorization and the client IP. */
  headers: Record<string, string>;
}

export const PASSWORD = 'correct horse battery staple';

/** Signs up, then signs in again (a fresh session, as a returning user would). */
export async function signUpAndIn(origin: string, username: string, ip: string): Promise<Account> {
  const base = { 'x-forwarded-for': ip };
  await mutation(origin, 'auth.register', { email: `${username}@example.com`, username, password: PASSWORD }, base);
  return signIn(origin, username, ip);
}

export async function signIn(origin: string, username: string, ip: string): Promise<Account> {
  const base = { 'x-forwarded-for': ip };
  const result = await mutation<{ status: string; accessToken?: string }>(origin, 'auth.login', { login: username, password: PASSWORD }, base);
  if (result.status !== 'signed_in' || !result.accessToken) throw new Error(`sign-in of ${username}: ${JSON.stringify(result)}`);
  return { username, token: result.accessToken, headers: { ...base, authorization: `Bearer ${result.accessToken}` } };
}

export const sessionIdOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { sid: string }).sid;

// --- tus 1.0 ---
const TUS = { 'tus-resumable': '1.0.0' };
const b64 = (value: string) => Buffer.from(value).toString('base64');

/** Creates an upload; returns its URL path (`/api/uploads/<id>`). */
export async function tusCreate(origin: string, account: Account, size: number, title: string): Promise<string> {
  const res = await fetch(`${origin}/api/uploads`, {
    method: 'POST',
    headers: { ...TUS, ...account.headers, 'upload-length': String(size), 'upload-metadata': `filename ${b64(`${title}.wav`)},title ${b64(title)}` },
  });
  if (res.status !== 201) throw new Error(`tus create: ${res.status} ${await res.text()}`);
  const location = res.headers.get('location') ?? '';
  return new URL(location, origin).pathname;
}

export async function tusOffset(origin: string, account: Account, path: string): Promise<number> {
  const res = await fetch(`${origin}${path}`, { method: 'HEAD', headers: { ...TUS, ...account.headers } });
  if (res.status !== 200) throw new Error(`tus HEAD: ${res.status}`);
  return Number(res.headers.get('upload-offset'));
}

/** Sends bytes at `offset`; returns the new offset and, on the last chunk, the track id. */
export async function tusPatch(origin: string, account: Account, path: string, offset: number, bytes: Buffer): Promise<{ offset: number; trackId: string | null }> {
  const res = await fetch(`${origin}${path}`, {
    method: 'PATCH',
    headers: { ...TUS, ...account.headers, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
    body: new Uint8Array(bytes),
  });
  if (res.status !== 204) throw new Error(`tus PATCH: ${res.status} ${await res.text()}`);
  return { offset: Number(res.headers.get('upload-offset')), trackId: res.headers.get('veza-track-id') };
}

// --- a tRPC subscription over a raw WebSocket, resuming with lastEventId after each close ---
export interface LiveEvent {
  id: string;
  data: { type: string; id?: string };
}

export class ResumableSubscription {
  readonly events: LiveEvent[] = [];
  readonly closeCodes: number[] = [];
  /** Every message received, for failure messages. */
  readonly received: string[] = [];
  connections = 0;
  private socket: WebSocket | null = null;
  private stopped = false;
  private started: (() => void) | null = null;
  private readonly url: string;
  private readonly path: string;
  private readonly headers: Record<string, string>;
  private readonly reconnectDelayMs: number;

  constructor(url: string, path: string, headers: Record<string, string>, reconnectDelayMs = 100) {
    this.url = url;
    this.path = path;
    this.headers = headers;
    this.reconnectDelayMs = reconnectDelayMs;
  }

  /** Resolves once the server confirmed the subscription started. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.started = resolve;
      this.connect(reject);
    });
  }

  private connect(onError: (error: Error) => void = () => undefined) {
    const socket = new WebSocket(this.url, { headers: this.headers });
    this.socket = socket;
    const lastEventId = this.events.at(-1)?.id;
    socket.on('open', () => {
      this.connections++;
      socket.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: this.path, input: lastEventId ? { lastEventId } : {} } }));
    });
    socket.on('message', (raw: Buffer) => {
      this.received.push(raw.toString().slice(0, 500));
      type Tracked = { id: string; data: LiveEvent['data'] };
      const message = JSON.parse(raw.toString()) as { id?: number; result?: { type: string; id?: string; data?: Tracked }; error?: unknown };
      if (message.result?.type === 'started') {
        this.started?.();
        this.started = null;
      } else if (message.result?.type === 'data' && message.result.id) {
        // Resuming from lastEventId: nothing already seen may come again.
        // A tracked event travels as { id, data } under the result.
        if (!this.events.some((e) => e.id === message.result?.id)) this.events.push({ id: message.result.id, data: message.result.data?.data ?? { type: '?' } });
      } else if (message.error) {
        onError(new Error(`subscription error: ${JSON.stringify(message.error)}`));
      }
    });
    socket.on('error', (error) => onError(error));
    socket.on('close', (code) => {
      this.closeCodes.push(code);
      // A client reconnects (through the balancer) unless it closed itself; 4401 means the session is gone.
      if (!this.stopped && code !== 4401) setTimeout(() => this.connect(), this.reconnectDelayMs);
    });
  }

  isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.stopped = true;
    this.socket?.close();
  }
}
