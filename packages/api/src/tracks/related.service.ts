// Up next (issue 11): when the queue ends, autoplay goes on with tracks related to the last one played — liked by the
// people who liked it, by the same artist, of its genre, sharing its tags, then this month's popular tracks of its
// genre as filler. The ranking is one query in @veza/db's related.repository.ts; only public, ready tracks the viewer
// may see come back (social/audience.ts, in SQL), never the seed nor the tracks the player says it just played.
import { relatedRepository, tracksRepository } from '@veza/db';
import { relatedTracksInput, type RelatedTracksInput } from '@veza/validators';
import type { Context } from '../context.ts';
import type { TrackDto } from './tracks.dto.ts';
import { toTrackDtos, visibleTrack } from './tracks.service.ts';

type Ctx = Pick<Context, 'em' | 'viewer' | 'deps'>;

/** Tracks to play after `trackId`, best first; NOT_FOUND when the viewer may not see that track. */
export async function related(ctx: Ctx, raw: RelatedTracksInput): Promise<TrackDto[]> {
  const input = relatedTracksInput.parse(raw);
  const seed = await visibleTrack(ctx, input.trackId);
  const ids = await relatedRepository(ctx.em).related(
    { id: seed.id, ownerId: seed.owner.id, genre: seed.genre ?? null, tags: seed.tags },
    { excludeIds: [...new Set(input.excludeIds ?? [])], limit: input.limit, viewerId: ctx.viewer?.id ?? null },
  );
  const cards = new Map((await tracksRepository(ctx.em).cards(ids)).map((c) => [c.id, c]));
  return toTrackDtos(ctx, ids.flatMap((id) => cards.get(id) ?? []));
}
