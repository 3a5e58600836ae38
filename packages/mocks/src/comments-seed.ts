// The mock's seeded timed comments (issue 11), as plain data: db.ts counts them into the tracks' `commentCount`,
// comments-handlers.ts builds its store from them. On « Night Drive » (ana's): a comment pinned by ana, one with two
// replies and @mentions, one by ana herself; on « Lumière froide » (marc's): one.
import { tracks } from './fixtures.ts';

export interface CommentSeed {
  id: string;
  trackId: string;
  /** The comment replied to (replies are one level deep). */
  parentId: string | null;
  /** Username of the author. */
  author: string;
  atMs: number;
  body: string;
  /** How long ago it was written. */
  hoursAgo: number;
  /** Usernames of the mock people who like it. */
  likedBy: string[];
  /** Likes by people the mock does not list. */
  otherLikes: number;
}

const NIGHT_DRIVE = tracks[0]!.id;
const LUMIERE_FROIDE = tracks[3]!.id;
const id = (n: number) => `c3e00000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Comment ids the stories and tests can name. */
export const MOCK_COMMENTS = {
  /** marc.dubois at 0:12, pinned by ana. */
  pinned: id(1),
  /** lea_m at 1:02, mentioning @marc.dubois, with two replies (ana's, then marc's mentioning @lea_m). */
  withReplies: id(2),
  replyByAna: id(3),
  replyByMarc: id(4),
  /** ana's own, at 2:30. */
  byAna: id(5),
  /** marc.dubois at 1:35, the newest. */
  newest: id(6),
} as const;

export const COMMENT_SEEDS: CommentSeed[] = [
  { id: MOCK_COMMENTS.pinned, trackId: NIGHT_DRIVE, parentId: null, author: 'marc.dubois', atMs: 12_000, body: 'Love the tape hiss in the intro.', hoursAgo: 72, likedBy: ['lea_m'], otherLikes: 3 },
  {
    id: MOCK_COMMENTS.withReplies, trackId: NIGHT_DRIVE, parentId: null, author: 'lea_m', atMs: 62_000,
    body: 'That drop! @marc.dubois you have to hear this one.', hoursAgo: 30, likedBy: ['marc.dubois'], otherLikes: 1,
  },
  { id: MOCK_COMMENTS.replyByAna, trackId: NIGHT_DRIVE, parentId: MOCK_COMMENTS.withReplies, author: 'ana', atMs: 62_000, body: 'Thanks! Recorded it in one take.', hoursAgo: 28, likedBy: [], otherLikes: 0 },
  { id: MOCK_COMMENTS.replyByMarc, trackId: NIGHT_DRIVE, parentId: MOCK_COMMENTS.withReplies, author: 'marc.dubois', atMs: 62_000, body: '@lea_m agreed, the bass is huge.', hoursAgo: 20, likedBy: [], otherLikes: 0 },
  { id: MOCK_COMMENTS.byAna, trackId: NIGHT_DRIVE, parentId: null, author: 'ana', atMs: 150_000, body: 'The rain in this part was recorded on my balcony.', hoursAgo: 6, likedBy: [], otherLikes: 2 },
  { id: MOCK_COMMENTS.newest, trackId: NIGHT_DRIVE, parentId: null, author: 'marc.dubois', atMs: 95_000, body: 'Perfect for a night drive indeed.', hoursAgo: 2, likedBy: [], otherLikes: 0 },
  { id: 'c3e00000-0000-4000-8000-000000000101', trackId: LUMIERE_FROIDE, parentId: null, author: 'lea_m', atMs: 30_000, body: 'Juno heaven.', hoursAgo: 50, likedBy: [], otherLikes: 5 },
];

/** The comment each track's owner pinned. */
export const PINNED_SEEDS: Record<string, string> = { [NIGHT_DRIVE]: MOCK_COMMENTS.pinned };

/** Comments and replies seeded on a track (its `commentCount`). */
export const seededCommentCount = (trackId: string) => COMMENT_SEEDS.filter((c) => c.trackId === trackId).length;
