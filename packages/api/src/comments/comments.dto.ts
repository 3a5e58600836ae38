import type { UserSummaryDto } from '../users/users.dto.ts';

export interface CommentDto {
  id: string;
  trackId: string;
  /** The comment replied to (replies are one level deep); null for a top-level comment. */
  parentId: string | null;
  author: UserSummaryDto;
  /** Where in the track, in milliseconds (a reply shares its parent's moment). */
  atMs: number;
  body: string;
  /** The people `@mentioned` in the body who exist, for links. */
  mentions: UserSummaryDto[];
  createdAt: string;
  editedAt: string | null;
  likeCount: number;
  likedByMe: boolean;
  replyCount: number;
  /** Pinned by the track's owner (one per track). */
  pinned: boolean;
  /** What the viewer may do: edit (the author), delete (the author, the track's owner, moderators). */
  canEdit: boolean;
  canDelete: boolean;
}

/** A top-level comment in the thread, with its newest replies (up to 3; `replyCount` says how many in all). */
export interface ThreadCommentDto extends CommentDto {
  replies: CommentDto[];
}

export interface CommentPageDto {
  items: ThreadCommentDto[];
  nextCursor: string | null;
  /** Comments and replies on the track. */
  total: number;
  commentsEnabled: boolean;
  /** The pinned comment, on the first page only (it is also in its place in the list). */
  pinned: ThreadCommentDto | null;
  /** Whether the viewer may comment now (signed in, comments on, no block with the owner). */
  canComment: boolean;
}

export interface ReplyPageDto {
  items: CommentDto[];
  nextCursor: string | null;
}

/** A comment as the waveform shows it: who, where, and the start of what they said. */
export interface TimelineCommentDto {
  id: string;
  atMs: number;
  author: UserSummaryDto;
  excerpt: string;
}
