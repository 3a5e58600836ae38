// What the api layer reports to the process's metrics (Prometheus in the server and the worker).
// The api only calls this interface; apps/server implements it with prom-client. Optional in ApiDeps:
// tests and the CLI run without metrics.

export type TrpcCallType = 'query' | 'mutation' | 'subscription';
export type LoginMethod = 'password' | 'passkey' | 'oauth';
export type RegistrationMethod = 'password' | 'oauth';

export interface ApiMetrics {
  /** One finished tRPC call: `code` is the tRPC error code (e.g. 'UNAUTHORIZED'), null on success. */
  trpcCall(path: string, type: TrpcCallType, code: string | null, seconds: number): void;
  /** A subscription started (+1) or ended (-1) streaming its events. */
  subscriptionActive(path: string, delta: 1 | -1): void;
  /** A request's session was found in the per-instance session cache (hit) or read from the database (miss). */
  sessionCache(result: 'hit' | 'miss'): void;
  userRegistered(method: RegistrationMethod): void;
  login(method: LoginMethod): void;
  trackUploaded(): void;
  trackProcessed(outcome: 'ready' | 'failed'): void;
  like(): void;
}
