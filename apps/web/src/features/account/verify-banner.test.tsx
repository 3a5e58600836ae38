import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { db, resetMockDb } from '@veza/mocks';
import { describe, expect, it } from 'vitest';
import { ana, renderScreen } from '../../test/render.tsx';
import { VerifyBanner } from './verify-banner.tsx';

describe('VerifyBanner', () => {
  it('asks an unverified user to verify, resends the link, and can be dismissed for the session', async () => {
    resetMockDb({ signedInAs: 'ana' });
    db.users.find((u) => u.username === 'ana')!.emailVerified = false;
    renderScreen(<VerifyBanner />, { session: { ...ana, emailVerified: false } });
    expect(screen.getByText('Please verify your email')).toBeTruthy();
    expect(screen.getByText('We sent a link to ana@example.com. Open it to confirm the address.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Send a new link' }));
    expect(await screen.findByText('Sent. Check your inbox.')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Hide this reminder' }));
    expect(screen.queryByText('Please verify your email')).toBeNull();
    expect(sessionStorage.getItem('veza.verifyBanner.dismissed')).toBe(ana.id);
  });

  it('shows nothing to verified or signed-out visitors', () => {
    renderScreen(<VerifyBanner />, { session: ana });
    expect(screen.queryByText('Please verify your email')).toBeNull();
  });
});
