import { EmptyState } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { KeepFocusState } from '../../components/page-heading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { Tabs } from '../../components/tabs.tsx';
import { SearchBox } from '../../features/search/search-box.tsx';
import { queryProblem } from '../../features/search/search-query.ts';
import { QueryHelp } from './query-help.tsx';
import { GroupResults, PeopleResults, PlaylistResults, TypeToSearch } from './search-results.tsx';
import { hasFilters, readSearchView, searchParamsOf, SEARCH_TABS, type SearchTab, type SearchView } from './search-url.ts';
import { TrackResults } from './track-results.tsx';
import './search.page.css';

const keepFocus: KeepFocusState = { keepFocus: true };

/** The results of the current tab, or why there are none yet (nothing typed, a query the API would refuse). */
function TabResults({ view, update }: { view: SearchView; update: (change: Partial<SearchView>) => void }) {
  const { t } = useTranslation();
  const q = view.q.trim();
  const problem = q ? queryProblem(q) : 'empty';
  if (problem === 'tooLong' || problem === 'tooManyClauses') {
    return <EmptyState titleAs="h2" title={t('searchPage.refused')} description={t(`searchBox.${problem}`)} />;
  }
  if (view.type === 'tracks') {
    if (problem === 'empty' && !hasFilters(view.filters)) return <TypeToSearch withFilters />;
    return <TrackResults view={view} onFilters={(filters) => update({ filters })} onSort={(sort) => update({ sort })} />;
  }
  if (problem === 'empty') return <TypeToSearch withFilters={false} />;
  switch (view.type) {
    case 'people':
      return <PeopleResults q={q} />;
    case 'playlists':
      return <PlaylistResults q={q} />;
    case 'groups':
      return <GroupResults q={q} />;
  }
}

/**
 * `/search?q=…&type=tracks|people|playlists|groups`: the results of a query, a tab per kind; tracks with facets and a
 * sort, all in the URL (so a search can be shared, and Back undoes a filter).
 */
export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const view = readSearchView(params);
  const q = view.q.trim();
  const update = (change: Partial<SearchView>) => setParams(searchParamsOf({ ...view, ...change }), { state: keepFocus });

  return (
    <div className="vw-page vw-search-page">
      <header className="vw-page-header">
        <PageHeading title={q ? t('searchPage.titleFor', { q }) : t('searchPage.title')} />
        <div className="vw-search-page__field">
          <SearchBox variant="page" defaultValue={view.q} autoFocus={!q} onSearch={(text) => update({ q: text })} />
          <QueryHelp />
        </div>
      </header>
      <Tabs<SearchTab>
        label={t('searchPage.tabs.label')}
        tabs={SEARCH_TABS.map((tab) => ({ key: tab, label: t(`searchPage.tabs.${tab}`), to: `/search?${searchParamsOf({ ...view, type: tab }).toString()}` }))}
        selected={view.type}
      >
        <TabResults view={view} update={update} />
      </Tabs>
    </div>
  );
}
