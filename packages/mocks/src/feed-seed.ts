// The mock back end's reposts and play counts (issue 11), seeded so that `pnpm dev:mock` shows them: Marc, who follows
// Ana, finds "Reposted by Ana Lima" (with her caption) and "New from Ana Lima" on his home feed, and the lists show
// play counts ("1.2K plays"). Kept in `db` (db.ts), reset with it.
import { tracks, users } from './fixtures.ts';

/** Someone's repost of a track, with its optional caption. */
export interface MockRepost {
  userId: string;
  trackId: string;
  caption: string | null;
  /** When it was first reposted (reposting again replaces the caption, the date stays). */
  at: string;
}

const idOf = (title: string) => {
  const track = tracks.find((t) => t.title === title);
  if (!track) throw new Error(`no mock track ${title}`);
  return track.id;
};

/** Ana reposts two of Marc's tracks (one with a caption), Léa reposts Ana's "Night Drive". Newest last. */
export function seedReposts(): MockRepost[] {
  const [ana, , lea] = users;
  if (!ana || !lea) return [];
  return [
    { userId: ana.id, trackId: idOf('Lumière froide'), caption: null, at: '2026-11-28T08:00:00.000Z' },
    { userId: lea.id, trackId: idOf('Night Drive'), caption: 'Rainy night mood.', at: '2026-12-02T22:15:00.000Z' },
    { userId: ana.id, trackId: idOf('Le dernier métro'), caption: 'The last train home, four minutes of it. Headphones on.', at: '2026-12-03T21:10:00.000Z' },
  ];
}

/** Counted plays of the seeded tracks (the others have none). */
export const SEED_PLAY_COUNTS: Readonly<Record<string, number>> = {
  [idOf('Night Drive')]: 1_234,
  [idOf('Rue des Martyrs')]: 389,
  [idOf('Lumière froide')]: 15_300,
  [idOf('Le dernier métro')]: 2_045,
};
