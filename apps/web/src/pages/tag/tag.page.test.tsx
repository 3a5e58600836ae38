import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fixtures, states } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { textOf } from '../../test/dom.ts';
import { lea, renderScreen } from '../../test/render.tsx';
import { TrackPage } from '../track/track.page.tsx';
import { TagPage } from './tag.page.tsx';

const renderTag = (tag: string) => renderScreen(<TagPage />, { path: '/tags/:tag', url: `/tags/${encodeURIComponent(tag)}` });

describe('TagPage', () => {
  it('lists the public tracks carrying the tag', async () => {
    renderTag('ambient');
    expect(textOf(await screen.findByRole('heading', { level: 1 }))).toBe('Tagged “ambient”');
    const list = await screen.findByRole('list', { name: 'Tracks tagged ambient' });
    expect(within(list).getAllByRole('heading', { level: 3 }).map(textOf)).toEqual(['Rue des Martyrs']);
  });

  it('decodes tags with spaces from the URL', async () => {
    renderTag('field recording');
    const list = await screen.findByRole('list', { name: 'Tracks tagged field recording' });
    expect(within(list).getAllByRole('heading', { level: 3 }).map(textOf)).toEqual(['Rue des Martyrs']);
  });

  it('says when no public track has the tag', async () => {
    renderTag('polka');
    expect(await screen.findByText('No public tracks with this tag yet')).toBeTruthy();
  });

  it('refuses a malformed tag without asking the server', async () => {
    const asked: string[] = [];
    const record = ({ request }: { request: Request }) => asked.push(request.url);
    server.events.on('request:start', record);
    renderTag('#nope');
    expect(await screen.findByRole('heading', { level: 1, name: 'This is not a valid tag' })).toBeTruthy();
    expect(screen.getByText('Tags use letters, digits, spaces and - _ . & \'.')).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 30));
    server.events.removeListener('request:start', record);
    expect(asked.filter((url) => url.includes('tracks.list'))).toEqual([]);
  });

  it('shows the error state and retries', async () => {
    server.use(states.error('tracks.list', 'INTERNAL_SERVER_ERROR', 'Boom'));
    renderTag('ambient');
    const alert = await screen.findByRole('alert');
    server.resetHandlers();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('list', { name: 'Tracks tagged ambient' })).toBeTruthy();
  });

  it('is where a tag on a track page leads', async () => {
    const NIGHT_DRIVE = fixtures.tracks[0]!;
    renderScreen(
      <Routes>
        <Route path="/tracks/:id" element={<TrackPage />} />
        <Route path="/tags/:tag" element={<TagPage />} />
      </Routes>,
      { path: '*', url: `/tracks/${NIGHT_DRIVE.id}`, session: lea },
    );
    await userEvent.click(await screen.findByRole('link', { name: 'night' }));
    const list = await screen.findByRole('list', { name: 'Tracks tagged night' });
    expect(within(list).getAllByRole('heading', { level: 3 }).map(textOf)).toEqual(['Night Drive']);
  });
});
