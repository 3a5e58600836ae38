import { Redis } from 'ioredis';
import type { EventBus } from './bus.ts';

/**
 * Redis pub/sub: every instance behind the load balancer sees every event. One connection
 * publishes, one subscribes (a subscribed Redis connection can do nothing else); handlers are
 * kept per channel here so each channel is subscribed once per process.
 */
export class RedisBus implements EventBus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, Set<(payload: unknown) => void>>();

  constructor(url: string) {
    const options = { lazyConnect: false, maxRetriesPerRequest: 3, enableOfflineQueue: true };
    this.pub = new Redis(url, options);
    this.sub = new Redis(url, options);
    this.sub.on('message', (channel: string, message: string) => {
      const set = this.handlers.get(channel);
      if (!set) return;
      let payload: unknown;
      try {
        payload = JSON.parse(message);
      } catch {
        return;
      }
      for (const handler of set) handler(payload);
    });
  }

  /** The subscriber connection dropped (`false`) or is back and resubscribed (`true`). */
  onDeliveryChange(listener: (delivering: boolean) => void): () => void {
    const down = () => listener(false);
    const up = () => listener(true);
    this.sub.on('close', down);
    this.sub.on('ready', up);
    return () => {
      this.sub.off('close', down);
      this.sub.off('ready', up);
    };
  }

  /** Resolves once both connections answer, so start-up fails fast on a wrong URL. */
  async ready(): Promise<void> {
    await Promise.all([this.pub.ping(), this.sub.ping()]);
  }

  async publish(channel: string, payload: unknown) {
    await this.pub.publish(channel, JSON.stringify(payload));
  }

  async subscribe(channel: string, handler: (payload: unknown) => void) {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      await this.sub.subscribe(channel);
    }
    set.add(handler);
    return async () => {
      const current = this.handlers.get(channel);
      if (!current?.delete(handler) || current.size > 0) return;
      this.handlers.delete(channel);
      await this.sub.unsubscribe(channel).catch(() => undefined);
    };
  }

  async close() {
    this.handlers.clear();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}
