import { searchHistoryRemoveInput, searchPageInput, searchSuggestInput, searchTracksInput } from '@veza/validators';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';
import { clearSearches, recentSearches, removeSearch } from './history.service.ts';
import { limitSearch } from './search.limits.ts';
import * as search from './search.service.ts';

// Every search counts against the person's (or, signed out, the address's) search budget: search.limits.ts.
export const searchRouter = router({
  /** The search box: mixed tracks, people, playlists and groups for a query; my recent searches for an empty one. */
  suggest: publicProcedure.input(searchSuggestInput).query(async ({ ctx, input }) => {
    await limitSearch(ctx, 'suggest');
    return search.suggest(ctx, input);
  }),
  /** Tracks by the query language, with filters and a sort; facet counts on the first page (which, signed in, goes in my history). */
  tracks: publicProcedure.input(searchTracksInput).query(async ({ ctx, input }) => {
    await limitSearch(ctx, 'page');
    return search.tracks(ctx, input);
  }),
  people: publicProcedure.input(searchPageInput).query(async ({ ctx, input }) => {
    await limitSearch(ctx, 'page');
    return search.people(ctx, input);
  }),
  playlists: publicProcedure.input(searchPageInput).query(async ({ ctx, input }) => {
    await limitSearch(ctx, 'page');
    return search.playlists(ctx, input);
  }),
  /** Groups, public and private (a private one shows as such: its page offers to ask to join). */
  groups: publicProcedure.input(searchPageInput).query(async ({ ctx, input }) => {
    await limitSearch(ctx, 'page');
    return search.groups(ctx, input);
  }),
  history: router({
    /** My last 20 searches, newest first. */
    list: authedProcedure.query(({ ctx }) => recentSearches(ctx, ctx.viewer.id)),
    remove: authedProcedure.input(searchHistoryRemoveInput).mutation(({ ctx, input }) => removeSearch(ctx, ctx.viewer.id, input.id)),
    clear: authedProcedure.mutation(({ ctx }) => clearSearches(ctx, ctx.viewer.id)),
  }),
});
