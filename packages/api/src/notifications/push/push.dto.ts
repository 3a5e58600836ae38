import type { PushSubscription } from '@veza/db';
import { describeUserAgent, type DeviceKind } from '../../auth/sessions.service.ts';

/** Whether this server sends web push, and the VAPID public key browsers subscribe with (`applicationServerKey`). */
export interface PushStatusDto {
  available: boolean;
  /** base64url; null when push is off. */
  publicKey: string | null;
}

/** A browser of mine that receives push notifications. */
export interface PushDeviceDto {
  id: string;
  /** Subscribed from the session making this request (this browser). */
  current: boolean;
  /** "Firefox 133", "Windows 10", from the user agent it subscribed with. */
  browser: string | null;
  os: string | null;
  device: DeviceKind;
  createdAt: string;
  /** Last handed to its push service. */
  lastPushedAt: string | null;
}

export interface PushDeviceListDto {
  items: PushDeviceDto[];
}

export const toPushDeviceDto = (sub: PushSubscription, currentSessionId: string): PushDeviceDto => ({
  id: sub.id,
  current: sub.session.id === currentSessionId,
  ...describeUserAgent(sub.userAgent ?? null),
  createdAt: sub.createdAt.toISOString(),
  lastPushedAt: sub.lastPushedAt ? sub.lastPushedAt.toISOString() : null,
});
