// "Export my data": everything Veza holds about the account, as one JSON document. Secrets (password hash,
// TOTP secret, token and recovery-code hashes, passkey public keys) are never part of it.
import { accountsRepository } from '@veza/db';
import type { Viewer } from '../context.ts';
import { unauthorized } from '../errors.ts';
import { audit } from '../security/audit.ts';
import type { Ctx } from './account.service.ts';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export async function exportAccount(ctx: Ctx, viewer: Viewer) {
  // Recorded first so the export lists itself among the account's security events.
  await audit(ctx, 'account.exported', { actorId: viewer.id });
  const data = await accountsRepository(ctx.em).exportData(viewer.id);
  if (!data) throw unauthorized('Your account no longer exists.');
  const { user } = data;
  return {
    format: 'veza-account-export',
    version: 1,
    exportedAt: new Date().toISOString(),
    profile: {
      id: user.id,
      username: user.username,
      displayName: user.displayName ?? null,
      email: user.email,
      emailVerifiedAt: iso(user.emailVerifiedAt),
      bio: user.bio ?? null,
      role: user.role,
      hasPassword: Boolean(user.passwordHash),
      twoFactorEnabledAt: iso(user.totpEnabledAt),
      recoveryCodesRemaining: data.recoveryCodes,
      lockedAt: iso(user.lockedAt),
      deletionRequestedAt: iso(user.deletionRequestedAt),
      createdAt: iso(user.createdAt),
      updatedAt: iso(user.updatedAt),
    },
    tracks: data.tracks.map((t) => ({
      id: t.id,
      title: t.title,
      artist: t.artist ?? null,
      description: t.description ?? null,
      visibility: t.visibility,
      originalFilename: t.originalFilename,
      mimeType: t.mimeType,
      format: t.format,
      sizeBytes: t.sizeBytes,
      durationMs: t.durationMs ?? null,
      sampleRate: t.sampleRate ?? null,
      channels: t.channels ?? null,
      tags: t.tags,
      bpm: t.bpm ?? null,
      musicalKey: t.musicalKey ?? null,
      lyrics: t.lyrics ?? null,
      likeCount: t.likeCount,
      status: t.status,
      integratedLufs: t.integratedLufs ?? null,
      truePeakDb: t.truePeakDb ?? null,
      hasCover: t.coverMimeType != null,
      createdAt: iso(t.createdAt),
      updatedAt: iso(t.updatedAt),
    })),
    likes: data.likes.map((l) => ({ trackId: l.track.id, trackTitle: l.track.title, likedAt: iso(l.createdAt) })),
    sessions: data.sessions.map((s) => ({
      id: s.id,
      method: s.method,
      ip: s.ip ?? null,
      userAgent: s.userAgent ?? null,
      createdAt: iso(s.createdAt),
      lastSeenAt: iso(s.lastUsedAt),
      expiresAt: iso(s.expiresAt),
      revokedAt: iso(s.revokedAt),
      revokedReason: s.revokedReason ?? null,
    })),
    passkeys: data.passkeys.map((p) => ({ name: p.name, deviceType: p.deviceType, backedUp: p.backedUp, createdAt: iso(p.createdAt), lastUsedAt: iso(p.lastUsedAt) })),
    linkedAccounts: data.oauthAccounts.map((o) => ({
      provider: o.provider,
      displayName: o.displayName ?? null,
      email: o.email ?? null,
      createdAt: iso(o.createdAt),
      lastUsedAt: iso(o.lastUsedAt),
    })),
    notifications: data.notifications.map((n) => ({
      type: n.type,
      actorId: n.actor?.id ?? null,
      trackId: n.track?.id ?? null,
      createdAt: iso(n.createdAt),
      readAt: iso(n.readAt),
    })),
    securityEvents: data.auditEvents.map((e) => ({
      type: e.type,
      byYou: e.actorId === user.id,
      ip: e.ip ?? null,
      userAgent: e.userAgent ?? null,
      details: e.details ?? null,
      createdAt: iso(e.createdAt),
    })),
  };
}

export type AccountExport = Awaited<ReturnType<typeof exportAccount>>;
