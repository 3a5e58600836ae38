import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { db, resetMockDb } from '@veza/mocks';
import { describe, expect, it } from 'vitest';
import { textOf } from '../../../test/dom.ts';
import { ana, renderScreen } from '../../../test/render.tsx';
import { InLayout } from '../settings-story.tsx';
import { ConnectionsPage } from './connections.page.tsx';

function renderConnections(query = '', hasPassword = true) {
  resetMockDb({ signedInAs: 'ana' });
  db.users.find((u) => u.username === 'ana')!.hasPassword = hasPassword;
  return renderScreen(<InLayout area="settings" page="connections" screen={<ConnectionsPage />} />, {
    path: '/settings/*',
    url: `/settings/connections${query}`,
    session: { ...ana, hasPassword },
  });
}

describe('ConnectionsPage', () => {
  it('offers Connect as a link to the server flow and shows linked accounts', async () => {
    renderConnections();
    const github = await screen.findByRole('listitem', { name: 'GitHub' });
    expect(textOf(github)).toContain('Connected');
    expect(textOf(github)).toContain('Ana Lima · ana@users.noreply.github.com');
    const discord = screen.getByRole('listitem', { name: 'Discord' });
    expect(within(discord).getByRole('link', { name: 'Connect Discord' }).getAttribute('href')).toBe('/api/oauth/discord/start?intent=link&next=%2Fsettings%2Fconnections');
    expect(screen.getByRole('navigation', { name: 'Settings' })).toBeTruthy();
  });

  it('explains an ?oauthError and can dismiss it', async () => {
    renderConnections('?oauthError=already_linked');
    expect(await screen.findByText('That account is already connected to another Veza user.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByText('That account is already connected to another Veza user.')).toBeNull());
  });

  it('reads unknown error codes as a generic failure', async () => {
    renderConnections('?oauthError=<script>');
    expect(await screen.findByText("Something went wrong while talking to the provider. Please try again.")).toBeTruthy();
  });

  it('disconnects after confirming', async () => {
    renderConnections();
    await userEvent.click(await screen.findByRole('button', { name: 'Disconnect GitHub' }));
    const dialog = screen.getByRole('dialog', { name: 'Disconnect GitHub?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Disconnect' }));
    expect(await screen.findByText('GitHub disconnected.')).toBeTruthy();
    await waitFor(() => expect(textOf(screen.getByRole('listitem', { name: 'GitHub' }))).toContain('Not connected'));
  });

  it("shows the server's message when it is the last way to sign in", async () => {
    renderConnections('', false);
    await userEvent.click(await screen.findByRole('button', { name: 'Disconnect GitHub' }));
    const dialog = screen.getByRole('dialog', { name: 'Disconnect GitHub?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Disconnect' }));
    expect(textOf(await within(dialog).findByRole('alert'))).toBe('This is your last way to sign in. Set a password or add a passkey before disconnecting it.');
    expect(textOf(screen.getByRole('listitem', { name: 'GitHub' }))).toContain('Connected');
  });
});
