export { openDatabase, MIGRATIONS_DIR, type Database, type DatabaseOptions, type Em } from './orm.ts';
export type { QueryEvent, QueryHook } from './query-hook.ts';
export { User, USER_ROLES, type UserRole } from './entities/user.entity.ts';
export { Session } from './entities/session.entity.ts';
export { RefreshToken } from './entities/refresh-token.entity.ts';
export { EmailToken, EMAIL_TOKEN_PURPOSES, type EmailTokenPurpose } from './entities/email-token.entity.ts';
export { RecoveryCode } from './entities/recovery-code.entity.ts';
export { Passkey } from './entities/passkey.entity.ts';
export { AuthChallenge, AUTH_CHALLENGE_PURPOSES, type AuthChallengePurpose } from './entities/auth-challenge.entity.ts';
export { OAuthAccount, OAUTH_PROVIDERS, type OAuthProvider } from './entities/oauth-account.entity.ts';
export { AuditEvent, AUDIT_EVENT_TYPES, type AuditEventType } from './entities/audit-event.entity.ts';
export { DevMail } from './entities/dev-mail.entity.ts';
export { Track, TRACK_STATUSES, type HlsRenditionInfo, TRACK_VISIBILITIES, type TrackStatus, type TrackVisibility } from './entities/track.entity.ts';
export { TrackLike } from './entities/track-like.entity.ts';
export { TrackUpload } from './entities/track-upload.entity.ts';
export {
  Notification,
  NotificationSettings,
  NOTIFICATION_TYPES,
  NOTIFICATION_KINDS,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_ACTORS_KEPT,
  NOTIFICATION_GROUP_KEY_MAX,
  type NotificationType,
  type NotificationKind,
  type NotificationChannel,
  type NotificationOverrides,
} from './notifications/notification.entity.ts';
export { usersRepository, UniqueViolation, type AccountRow } from './repositories/users.repository.ts';
export { sessionsRepository, type NewSession } from './repositories/sessions.repository.ts';
export { auditRepository, type AuditFilter, type NewAuditEvent } from './repositories/audit.repository.ts';
export { tracksRepository, type TrackCard, type TrackPageCursor } from './repositories/tracks.repository.ts';
export { trackUploadsRepository, type UploadDetailsChange } from './repositories/track-uploads.repository.ts';
export { notificationsRepository, type NotificationGroupRow, type GroupTouch, type CountedSource } from './notifications/notifications.repository.ts';
export { notificationSettingsRepository, type StoredNotificationSettings } from './notifications/notification-settings.repository.ts';
export { digestsRepository, knownDevicesRepository, type DigestWindow } from './notifications/digests.repository.ts';
export { NotificationDigestRun, DIGEST_FREQUENCIES, DEFAULT_DIGEST, type DigestFrequency, type DigestPeriod } from './notifications/digest.entity.ts';
export { KnownDevice } from './notifications/known-device.entity.ts';
export { challengesRepository, type NewChallenge } from './repositories/challenges.repository.ts';
export { mfaRepository } from './repositories/mfa.repository.ts';
export { passkeysRepository, type NewPasskey } from './repositories/passkeys.repository.ts';
export { oauthRepository, OAuthConflict, type NewOAuthUser, type OAuthIdentity } from './repositories/oauth.repository.ts';
export { adminRepository, type AdminUserFilter } from './repositories/admin.repository.ts';
export { emailTokensRepository, type NewEmailToken } from './repositories/email-tokens.repository.ts';
export { devMailsRepository, type NewDevMail } from './repositories/dev-mails.repository.ts';
export { accountsRepository } from './repositories/accounts.repository.ts';
export { Room, ROOM_KINDS, ROOM_VISIBILITIES, type RoomKind, type RoomVisibility } from './chat/room.entity.ts';
export { RoomMember, ROOM_ROLES, type RoomRole } from './chat/room-member.entity.ts';
export { Message, MESSAGE_KINDS, type MessageKind } from './chat/message.entity.ts';
export { RoomBan } from './chat/room-ban.entity.ts';
export { RoomInvite } from './chat/room-invite.entity.ts';
export { chatRepository, dmKeyOf, type MyRoomRow, type NewMessage } from './chat/chat.repository.ts';
export { inboxRepository, type InboxRoomRow } from './chat/inbox.repository.ts';
export { Call, CALL_STATES, CALL_END_REASONS, LIVE_CALL_STATES, type CallState, type CallEndReason } from './calls/call.entity.ts';
export { callsRepository, type StartOutcome } from './calls/calls.repository.ts';
export { UserPresenceSettings } from './users/presence-settings.entity.ts';
export { presenceSettingsRepository, DEFAULT_PRESENCE_CHOICE, type PresenceChoice } from './users/presence-settings.repository.ts';
export { MessageAttachment, ATTACHMENT_KINDS, type AttachmentKind } from './chat/attachment.entity.ts';
export { attachmentsRepository, UNSENT_ATTACHMENT_TTL_MS, type AttachmentClaim, type NewImageAttachment } from './chat/attachments.repository.ts';
export { searchRepository, cjkBigrams, SEARCH_WINDOW, type MessageSearchQuery, type SearchHit, type SearchMessageRow, type SearchWindow } from './chat/search.repository.ts';
export { UserBlock } from './users/block.entity.ts';
export { blocksRepository } from './users/blocks.repository.ts';
export { Follow, FOLLOW_STATUSES, type FollowStatus } from './social/follow.entity.ts';
export { followsRepository, type FollowCursor, type FollowListRow } from './social/follows.repository.ts';
export { Repost, REPOST_CAPTION_MAX } from './social/repost.entity.ts';
export { TrackPlay, TrackPlayMark } from './tracks/play.entity.ts';
export { playsRepository, PLAY_DEDUP_MINUTES } from './tracks/plays.repository.ts';
export { TrackComment, CommentLike } from './comments/comment.entity.ts';
export { commentsRepository, type CommentCursor } from './comments/comments.repository.ts';
export { TrendingScore } from './explore/trending.entity.ts';
export { trendingRepository, TRENDING, type TrendingWindowName } from './explore/trending.repository.ts';
export { relatedRepository, RELATED, type RelatedSeed } from './tracks/related.repository.ts';
export { repostsRepository, FEED_PER_PERSON_MAX, type ActivityCursor, type FeedReposter, type FeedRow } from './social/reposts.repository.ts';
export { ChatReport, type ChatReportReason, type ChatReportStatus } from './chat/report.entity.ts';
export { reportsRepository, type ReportFilter } from './chat/reports.repository.ts';
export { groupsRepository, type GroupAddOutcome } from './chat/groups.repository.ts';
export { MessageReaction } from './chat/reaction.entity.ts';
export { MessageMention } from './chat/mention.entity.ts';
export { MessageEdit, MESSAGE_EDIT_ACTIONS, type MessageEditAction } from './chat/message-edit.entity.ts';
export {
  reactionsRepository,
  mentionsRepository,
  messageEditsRepository,
  insertMentions,
  type AddReactionResult,
  type RemoveReactionResult,
  type ReactionSummaryRow,
} from './chat/reactions.repository.ts';
export {
  Playlist,
  PlaylistTrack,
  PlaylistCollaborator,
  PlaylistLike,
  PlaylistRepost,
  PLAYLIST_COLLABORATOR_STATUSES,
  type PlaylistCollaboratorStatus,
} from './playlists/playlist.entity.ts';
export { TrackShare, SHARE_LABEL_MAX } from './shares/track-share.entity.ts';
export { trackSharesRepository, type NewTrackShare } from './shares/track-shares.repository.ts';
export { playlistsRepository, PlaylistEditError, type PlaylistEditRefusal, type PlaylistItemRow, type PlaylistListRow, type PlaylistPageCursor } from './playlists/playlists.repository.ts';
export { ListeningSession, ListeningMember, ListeningQueueEntry } from './listen/listening-session.entity.ts';
export { listenRepository } from './listen/listen.repository.ts';
export { Group, GroupMember, GroupJoinRequest, GroupInvitation, GroupInviteLink, GroupBan, GroupPost } from './groups/group.entity.ts';
export { communityGroupsRepository, type GroupOps, type GroupPageCursor, type GroupPersonRow, type LockedGroup } from './groups/groups.repository.ts';
export { PushSubscription } from './notifications/push/push-subscription.entity.ts';
export { pushSubscriptionsRepository, type NewPushSubscription, type PushTarget } from './notifications/push/push-subscriptions.repository.ts';
export { SearchHistoryEntry } from './search/search-history.entity.ts';
export { searchHistoryRepository, type SearchHistoryRow } from './search/search-history.repository.ts';
export {
  catalogSearchRepository,
  compileSearch,
  foldQuery,
  FREQUENT_WORD_SHARE,
  FUZZY_EXACT_MAX,
  RANK_CANDIDATES,
  RANK_POPULAR_WINDOW,
  SEARCH_SOURCES,
  SUGGEST_CANDIDATES,
  type CompiledSearch,
  type SearchAfter,
  type SearchSource,
  type SuggestionRow,
  type UserSearchRow,
} from './search/catalog-search.repository.ts';
export { FACET_CAP, FACET_TAGS, uploadedSince, type FacetValueCount, type TrackFacetCounts, type TrackSearchFilters } from './search/track-facets.ts';
export { COLLABORATOR_STATUSES, LicenceTier, Product, ProductCollaborator, ProductFile } from './market/product.entity.ts';
export { LedgerLine, LedgerTransaction } from './market/ledger.entity.ts';
export { LEDGER_ACCOUNTS, ledgerRepository, UnbalancedPostingError, type LedgerLineInput, type LedgerPosting } from './market/ledger.repository.ts';
