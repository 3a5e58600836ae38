import { searchHistoryRemoveInput, searchPageInput, searchSuggestInput, searchTracksInput } from '@veza/validators';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';
import { clearSearches, recentSearches, removeSearch } from './history.service.ts';
import * as search from './search.service.ts';

export const searchRouter = router({
  /** The search box: mixed tracks, people and playlists for a query; my recent searches for an empty one. */
  suggest: publicProcedure.input(searchSuggestInput).query(({ ctx, input }) => search.suggest(ctx, input)),
  /** Tracks by the query language, with filters and a sort; facet counts on the first page (which, signed in, goes in my history). */
  tracks: publicProcedure.input(searchTracksInput).query(({ ctx, input }) => search.tracks(ctx, input)),
  people: publicProcedure.input(searchPageInput).query(({ ctx, input }) => search.people(ctx, input)),
  playlists: publicProcedure.input(searchPageInput).query(({ ctx, input }) => search.playlists(ctx, input)),
  history: router({
    /** My last 20 searches, newest first. */
    list: authedProcedure.query(({ ctx }) => recentSearches(ctx, ctx.viewer.id)),
    remove: authedProcedure.input(searchHistoryRemoveInput).mutation(({ ctx, input }) => removeSearch(ctx, ctx.viewer.id, input.id)),
    clear: authedProcedure.mutation(({ ctx }) => clearSearches(ctx, ctx.viewer.id)),
  }),
});
