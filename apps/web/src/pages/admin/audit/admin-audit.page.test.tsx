import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { accountMock, resetMockDb, states } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { describe, expect, it } from 'vitest';
import { ana, renderScreen } from '../../../test/render.tsx';
import { AdminAuditPage } from './admin-audit.page.tsx';
import { eventsPerDay } from './audit-types.ts';

function renderAudit() {
  resetMockDb({ signedInAs: 'ana' });
  accountMock.setRole('ana', 'admin');
  return renderScreen(<AdminAuditPage />, { path: '/admin/audit', url: '/admin/audit', session: { ...ana, role: 'admin' } });
}

const eventRows = () => within(screen.getByRole('table', { name: 'Security events' })).getAllByRole('row').slice(1);

describe('AdminAuditPage', () => {
  it('lists events newest first, 50 at a time, with "Load more"', async () => {
    renderAudit();
    await screen.findByRole('table', { name: 'Security events' });
    const total = accountMock.auditEvents().length;
    expect(eventRows()).toHaveLength(50);
    const times = eventRows().map((row) => row.querySelector('time')!.getAttribute('dateTime')!);
    expect([...times].sort().reverse()).toEqual(times);
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(eventRows()).toHaveLength(total));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('keeps the loaded events when the next page fails, and says why under them', async () => {
    renderAudit();
    await screen.findByRole('table', { name: 'Security events' });
    server.use(states.error('admin.audit.list', 'INTERNAL_SERVER_ERROR', 'The audit log is unavailable.'));
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The audit log is unavailable.');
    expect(eventRows()).toHaveLength(50);
  });

  it('filters by type and by username, and charts the loaded events per day', async () => {
    renderAudit();
    await screen.findByRole('table', { name: 'Security events' });
    await userEvent.click(screen.getByLabelText('Failed sign-in'));
    await userEvent.type(screen.getByLabelText('User'), 'marc.dubois');
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }));

    const expected = accountMock.auditEvents().filter((e) => e.type === 'login.failed' && (e.subject?.username === 'marc.dubois' || e.actor?.username === 'marc.dubois'));
    expect(expected.length).toBeGreaterThan(0);
    await waitFor(() => expect(eventRows()).toHaveLength(expected.length));
    for (const row of eventRows()) expect(row.textContent).toContain('login.failed');

    const chart = screen.getByRole('table', { name: 'Events per day (loaded results)' });
    const counted = within(chart).getAllByRole('row').slice(1).map((row) => Number(row.querySelectorAll('td')[0]!.textContent));
    expect(counted.reduce((a, b) => a + b, 0)).toBe(expected.length);
  });

  it('says so when no user has that name', async () => {
    renderAudit();
    await screen.findByRole('table', { name: 'Security events' });
    await userEvent.type(screen.getByLabelText('User'), 'nobody');
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(await screen.findByText('No user named “nobody”.')).toBeTruthy();
  });
});

describe('eventsPerDay', () => {
  it('fills the days in between and sorts events into families', () => {
    const days = eventsPerDay([
      { type: 'login.failed', createdAt: '2026-11-03T10:00:00Z' },
      { type: 'login.succeeded', createdAt: '2026-11-01T10:00:00Z' },
      { type: 'password.changed', createdAt: '2026-11-01T11:00:00Z' },
      { type: 'login.throttled', createdAt: '2026-11-03T12:00:00Z' },
    ]);
    expect(days).toEqual([
      { day: '2026-11-01', values: { failure: 0, success: 1, other: 1 } },
      { day: '2026-11-02', values: { failure: 0, success: 0, other: 0 } },
      { day: '2026-11-03', values: { failure: 2, success: 0, other: 0 } },
    ]);
  });
});
