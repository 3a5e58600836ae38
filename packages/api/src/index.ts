import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './root.ts';

export { appRouter, createCaller, type AppRouter } from './root.ts';
export { createContext, resolveViewer } from './context.ts';
export type { ApiDeps, Context, ContextInput, CookieJar, CookieOptions, JobScheduler, RequestMeta, Viewer } from './context.ts';
export { InMemoryBus, type EventBus } from '@veza/bus';
export { DomainError, httpStatusOf, RateLimitedError, retryAfterOf } from './errors.ts';
export type { TokenConfig } from './auth/tokens.ts';
export { ACCESS_COOKIE, REFRESH_COOKIE, SESSION_FLAG_COOKIE } from './auth/cookies.ts';
export { createFromUpload, audioSource, uploadTitle, UNSUPPORTED_AUDIO } from './tracks/tracks.service.ts';
export { startUpload, forgetUpload, removeExpiredUploads, type UploadMetadata } from './tracks/uploads.service.ts';
export type { HlsBitrateDto, TrackDto, TrackPageDto } from './tracks/tracks.dto.ts';
export type { TrackStatusEvent } from './tracks/tracks.events.ts';
export { setCover, removeCover, coverSource } from './tracks/cover.service.ts';
export { uploadChatImage, chatImageSource, purgeChatAttachments, CHAT_IMAGE_TOO_LARGE_MESSAGE, type AttachmentDto, type ImageUploadDto, type TrackCardDto } from './chat/attachments.service.ts';
export { share, sharedJson } from './chat/room-hub.ts';
export type { LiveLane, LiveSink } from './live-lane.ts';
export { setRoomIcon, roomIconSource, ROOM_ICON_TOO_LARGE_MESSAGE } from './chat/room-icons.service.ts';
export { processTrack, hlsPrefix, type ProcessOptions } from './tracks/processing.service.ts';
export { reprocessLadder, retireRenditions, RETIRE_AFTER_SECONDS, type ReladderOptions } from './tracks/processing-ladder.service.ts';
export { verifyStreamToken, signStreamToken } from './tracks/stream-token.ts';
export type { MeDto, ProfileDto, ProfileLinkDto, UserSummaryDto } from './users/users.dto.ts';
export { setProfileImage, removeProfileImage, profileImageSource } from './users/profile-images.service.ts';
export type { FollowListItemDto, FollowListPageDto, FollowRequestDto, FollowRequestPageDto, RelationshipDto, RepostStateDto, UserTrackItemDto, UserTrackPageDto } from './social/social.dto.ts';
export type { FeedItemDto, FeedPageDto, FeedReposterDto } from './feed/feed.dto.ts';
export type { CommentDto, CommentPageDto, ReplyPageDto, ThreadCommentDto, TimelineCommentDto } from './comments/comments.dto.ts';
export type {
  EditablePlaylistDto,
  PlaylistChangeEvent,
  PlaylistCollaboratorDto,
  PlaylistDetailDto,
  PlaylistDto,
  PlaylistEditDto,
  PlaylistItemDto,
  PlaylistMarkDto,
  PlaylistPageDto,
  PlaylistRole,
} from './playlists/playlists.dto.ts';
export { playlistCoverSource, removePlaylistCover, setPlaylistCover } from './playlists/playlists.service.ts';
export type { ListenChangeEvent, ListeningSessionDto, ListenQueueEntryDto } from './listen/listen.dto.ts';
export { sweepListening, LISTEN_SILENT_AFTER_MS, LISTEN_SWEEP_EVERY_MS } from './listen/listen.service.ts';
export type { PlayCountDto, PlayTicketDto } from './tracks/plays.service.ts';
export type { TrendingItemDto, TrendingPageDto } from './explore/explore.dto.ts';
export type { CreatedShareDto, EmbedTrackDto, ShareLinkDto, ShareLinkListDto, ShareLinkStatus, SharedTrackDto } from './shares/shares.dto.ts';
export { embedTrack, publicTrackCard } from './shares/embed.service.ts';
export { recomputeTrending, TRENDING_EVERY_MS } from './explore/explore.service.ts';
export type { ChatMentionEvent, NotificationEvent, TrackLikedEvent } from './notifications/notifications.events.ts';
export type {
  NotificationGroupDto,
  NotificationPageDto,
  NotificationPreferencesDto,
  NotificationTargetDto,
  UnreadDto,
  UnsubscribeResultDto,
} from './notifications/notifications.dto.ts';
export { unsubscribe as unsubscribeNotifications } from './notifications/preferences.service.ts';
export { makeUnsubscribeToken, UNSUBSCRIBE_HTTP_PATH, UNSUBSCRIBE_PAGE_PATH } from './notifications/unsubscribe.ts';
export { DIGEST_EVERY_MS, DIGEST_HOUR_UTC, digestWindow, sendDigests, type DigestRunResult } from './notifications/digest.service.ts';
export { DEVICE_ID_COOKIE } from './auth/known-device.ts';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export { createMailer, SmtpMailer, type MailerOptions } from './mail/smtp-mailer.ts';
export { DevMailbox } from './mail/dev-mailbox.ts';
export type { Mailer, OutgoingMail } from './mail/mailer.ts';
export { createRateLimits, type RateLimits, type RateLimitsOptions } from './security/rate-limits.ts';
export type { PresenceDto } from './presence/presence.record.ts';
export { createPresenceStore, PRESENCE_HEARTBEAT_MS, PRESENCE_TTL_MS, type PresenceStore, type PresenceStoreOptions } from './presence/presence.store.ts';
export { presenceChannel, startPresenceTracker, type PresenceEventDto, type PresenceTracker, type PresenceTrackerOptions } from './presence/presence.live.ts';
export { DEFAULT_TURN_TTL_SECONDS, isStunUrl, isTurnUrl, mintIceServers, turnCredential, type IceServer, type IceServers, type TurnConfig } from './calls/turn.ts';
export type { CallDto, StartCallDto } from './calls/calls.dto.ts';
export type { CallSignalEvent, CallStateEvent, CallNegotiationEvent } from './calls/calls.events.ts';
export type { SecurityConfig } from './security/security-config.ts';
export type { OAuthConfig, OAuthProviderConfig } from './oauth/oauth.config.ts';
export { completeOAuth, OAuthFlowError, startOAuth, type OAuthCallbackInput, type OAuthOutcome, type OAuthStart } from './oauth/oauth.service.ts';
export { keepSessionFlag, setSessionCookies } from './auth/cookies.ts';
export { SESSION_REVOKED_CHANNEL, SessionCache, type SessionCacheOptions, type SessionRevokedMessage } from './auth/session-cache.ts';
export { accountsChanged, sessionsChanged, sessionsRevoked, usersChanged } from './auth/invalidate.ts';
export { signInFirstProcedures } from './refusals.ts';
export type { MfaStatusDto } from './mfa/mfa.service.ts';
export type { TotpEnrolmentDto } from './mfa/totp.service.ts';
export type { PasskeyDto } from './passkeys/passkeys.service.ts';
export { purgeDueAccounts, type PurgeResult } from './account/deletion.service.ts';
export { settleBackgroundWork } from './account/background.ts';
export { purgeExpiredChallenges } from './mfa/challenges.ts';
export type { SessionDto } from './auth/sessions.service.ts';
export type { AdminUserDto, AdminUserPageDto, AuditEventDto, AuditPageDto } from './admin/admin.dto.ts';
export { DEVICE_COOKIE, setDeviceCookie } from './auth/device-cookie.ts';
export { setRoleFromCli } from './admin/admin.service.ts';
export type { ApiMetrics, LoginMethod, RegistrationMethod, TrpcCallType } from './observability/metrics.ts';
export type { ApiTracer } from './observability/tracing.ts';
export type {
  GroupBanDto,
  GroupDto,
  GroupFeedPageDto,
  GroupInvitationDto,
  GroupInviteResultDto,
  GroupJoinRequestDto,
  GroupJoinRequestPageDto,
  GroupJoinRequestResultDto,
  GroupLinkDto,
  GroupLinkSummaryDto,
  GroupMemberDto,
  GroupMemberPageDto,
  GroupPageDto,
  GroupPostDto,
  GroupPostPlaylistDto,
  GroupStanding,
} from './groups/groups.dto.ts';
export { groupAvatarSource, removeGroupAvatar, setGroupAvatar } from './groups/groups.service.ts';
export { pushToUser, PUSH_DEVICES_MAX, type PushPayload } from './notifications/push/push.service.ts';
export { endpointRefusal, KNOWN_PUSH_HOSTS, KNOWN_PUSH_HOST_SUFFIXES, type PushConfig, type VapidKeys } from './notifications/push/push.config.ts';
export type { PushDeviceDto, PushDeviceListDto, PushStatusDto } from './notifications/push/push.dto.ts';
export type {
  PeopleSearchPageDto,
  PersonResultDto,
  PlaylistResultDto,
  PlaylistSearchPageDto,
  RecentSearchDto,
  SuggestDto,
  SuggestionDto,
  TrackFacetsDto,
  TrackSearchPageDto,
} from './search/search.dto.ts';
