import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './root.ts';

export { appRouter, createCaller, type AppRouter } from './root.ts';
export { createContext, resolveViewer } from './context.ts';
export type { ApiDeps, Context, ContextInput, CookieJar, CookieOptions, JobScheduler, RequestMeta, Viewer } from './context.ts';
export { InMemoryBus, type EventBus } from '@veza/bus';
export { DomainError, httpStatusOf } from './errors.ts';
export type { TokenConfig } from './auth/tokens.ts';
export { ACCESS_COOKIE, REFRESH_COOKIE } from './auth/cookies.ts';
export { createFromUpload, audioSource, UNSUPPORTED_AUDIO } from './tracks/tracks.service.ts';
export type { TrackDto, TrackPageDto } from './tracks/tracks.dto.ts';
export type { TrackStatusEvent } from './tracks/tracks.events.ts';
export { setCover, removeCover, coverSource } from './tracks/cover.service.ts';
export { processTrack, hlsPrefix, type ProcessOptions } from './tracks/processing.service.ts';
export { verifyStreamToken, signStreamToken } from './tracks/stream-token.ts';
export type { MeDto, ProfileDto, UserSummaryDto } from './users/users.dto.ts';
export type { NotificationEvent, TrackLikedEvent } from './notifications/notifications.events.ts';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export { createMailer, SmtpMailer, type MailerOptions } from './mail/smtp-mailer.ts';
export { DevMailbox } from './mail/dev-mailbox.ts';
export type { Mailer, OutgoingMail } from './mail/mailer.ts';
export { createRateLimits, type RateLimits, type RateLimitsOptions } from './security/rate-limits.ts';
export type { SecurityConfig } from './security/security-config.ts';
export type { OAuthConfig, OAuthProviderConfig } from './oauth/oauth.config.ts';
export { SESSION_REVOKED_CHANNEL, type SessionRevokedMessage } from './auth/session.service.ts';
