// Types for the parts of web-push-testing (a local push service, test-only) that the push tests use.
declare module 'web-push-testing/src/PushApiModel.js' {
  export class PushApiModel {
    notifyUrl: string;
    subscribe(options: { applicationServerKey: string; userVisibleOnly?: 'true' | 'false' }): Promise<{
      endpoint: string;
      keys: { p256dh: string; auth: string };
      clientHash: string;
    }>;
    expireSubscription(clientHash: string): void;
    getNotifications(body: { clientHash: string }): { messages: string[] };
  }
}

declare module 'web-push-testing/src/server.js' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  import type { PushApiModel } from 'web-push-testing/src/PushApiModel.js';
  export default class WebPushTestingServer {
    constructor(model: PushApiModel, port: number);
    /** The express app: a request listener taking middleware. */
    _app: ((req: IncomingMessage, res: ServerResponse) => void) & {
      use(handler: (req: IncomingMessage, res: ServerResponse, next: () => void) => void): void;
    };
    setRequestHandlers(): void;
  }
}
