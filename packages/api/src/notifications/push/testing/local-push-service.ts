// A real push service for tests: web-push-testing's (it checks the VAPID JWT and the public key, decrypts aes128gcm
// payloads, answers 410 for expired subscriptions) behind TLS on 127.0.0.1 with a throwaway certificate, since
// web-push only speaks https. It must be allowed explicitly (`origin` in PushConfig.serviceOrigins, `agent` trusting
// the certificate): nothing on loopback is allowed by default.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PushApiModel } from 'web-push-testing/src/PushApiModel.js';
import WebPushTestingServer from 'web-push-testing/src/server.js';

/** The headers of one push request the service received. */
export interface ReceivedRequest {
  clientHash: string;
  ttl: string | undefined;
  urgency: string | undefined;
  topic: string | undefined;
  encoding: string | undefined;
}

function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'veza-push-tls-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startLocalPushService() {
  const { key, cert } = selfSignedCertificate();
  const model = new PushApiModel();
  const service = new WebPushTestingServer(model, 0);
  const requests: ReceivedRequest[] = [];
  const state = { hang: false, delayMs: 0, inFlight: 0, maxInFlight: 0 };
  service._app.use((req, res, next) => {
    const clientHash = /^\/notify\/([0-9a-f]+)$/.exec(req.url ?? '')?.[1];
    if (!clientHash) return next();
    const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
    requests.push({ clientHash, ttl: header('ttl'), urgency: header('urgency'), topic: header('topic'), encoding: header('x-content-encoding') ?? header('content-encoding') });
    if (state.hang) return;
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    res.on('close', () => (state.inFlight -= 1));
    setTimeout(next, state.delayMs);
  });
  service.setRequestHandlers();
  const server = createServer({ key, cert }, service._app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  model.notifyUrl = `${origin}/notify/`;
  const agent = new Agent({ ca: cert });

  return {
    /** Allow this exact origin (PushConfig.serviceOrigins) and use `agent` (it trusts the certificate). */
    origin,
    agent,
    requests,
    state,
    /** What a browser's `pushManager.subscribe({ applicationServerKey })` gets from this push service. */
    subscribe: (applicationServerKey: string) => model.subscribe({ applicationServerKey, userVisibleOnly: 'true' }),
    /** Payloads received and decrypted for a subscription, oldest first. */
    messages: (clientHash: string) => model.getNotifications({ clientHash }).messages,
    /** The browser dropped the subscription: pushes to it get 410 from now on. */
    expire: (clientHash: string) => model.expireSubscription(clientHash),
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type LocalPushService = Awaited<ReturnType<typeof startLocalPushService>>;
