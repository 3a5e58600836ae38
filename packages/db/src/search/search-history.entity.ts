import { defineEntity, p } from '@mikro-orm/core';
import { User } from '../entities/user.entity.ts';

/**
 * A search someone ran (issue 12): their last SEARCH_HISTORY_MAX (@veza/validators) distinct queries, newest first.
 * `queryKey` is the query folded to lower case, unique per person: running the same search again moves it to the top
 * (and keeps the latest spelling in `query`).
 */
const SearchHistoryEntrySchema = defineEntity({
  name: 'SearchHistoryEntry',
  tableName: 'search_history',
  properties: {
    id: p.uuid().primary(),
    user: () => p.manyToOne(User).deleteRule('cascade'),
    query: p.string().length(200),
    queryKey: p.string().length(400),
    searchedAt: p.datetime(),
  },
  uniques: [{ name: 'search_history_user_key_unique', properties: ['user', 'queryKey'] }],
  indexes: [{ name: 'search_history_user_recent_idx', properties: ['user', 'searchedAt'] }],
});

export class SearchHistoryEntry extends SearchHistoryEntrySchema.class {}
SearchHistoryEntrySchema.setClass(SearchHistoryEntry);
export { SearchHistoryEntrySchema };
