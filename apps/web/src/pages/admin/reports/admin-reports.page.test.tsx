import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { accountMock, adminReportsMock, resetMockDb, states } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { beforeEach, describe, expect, it } from 'vitest';
import { ana, renderScreen } from '../../../test/render.tsx';
import { AdminReportsPage } from './admin-reports.page.tsx';

function renderReports(url = '/admin/reports') {
  return renderScreen(<AdminReportsPage />, { path: '/admin/reports', url, session: { ...ana, role: 'admin' } });
}

const queueRows = () => within(screen.getByRole('table', { name: 'Reported chat messages' })).getAllByRole('row').slice(1);

beforeEach(() => {
  resetMockDb({ signedInAs: 'ana' });
  accountMock.setRole('ana', 'admin');
  adminReportsMock.reset();
});

describe('AdminReportsPage', () => {
  it('lists open reports with reason, reporter and room, and no message text', async () => {
    renderReports();
    await screen.findByRole('table', { name: 'Reported chat messages' });
    const rows = queueRows();
    expect(rows).toHaveLength(2);
    expect(within(rows[0] as HTMLElement).getByText('Spam')).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText('@lea_m')).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText('#modular')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('Direct message')).toBeTruthy();
    expect(screen.queryByText(/example\.test/)).toBeNull();

    await userEvent.selectOptions(screen.getByLabelText('Status'), 'dismissed');
    await waitFor(() => expect(queueRows()).toHaveLength(1));
    expect(within(queueRows()[0] as HTMLElement).getByText('Dismissed')).toBeTruthy();
  });

  it('opens the conversation: reported message highlighted, earlier versions, deleted text kept, audited note', async () => {
    renderReports();
    await userEvent.click(await screen.findByRole('link', { name: 'Review report 3' }));
    expect(await screen.findByText('This read is recorded')).toBeTruthy();
    const reported = (await screen.findByText('Buy followers cheap at example.test')).closest('li') as HTMLElement;
    expect(reported.getAttribute('aria-current')).toBe('true');
    expect(within(reported).getByText('Edited')).toBeTruthy();
    await userEvent.click(within(reported).getByText('1 earlier version'));
    expect(within(reported).getByText('Buy followers at example.test!!!')).toBeTruthy();
    const deleted = screen.getByText('Last chance: example.test').closest('li') as HTMLElement;
    expect(within(deleted).getByText('Deleted')).toBeTruthy();
  });

  it('loads older messages, up to the readable limit', async () => {
    renderReports('/admin/reports?report=3');
    await screen.findByText('Buy followers cheap at example.test');
    expect(screen.queryByText(/\(#1\)$/)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Load older messages' }));
    expect(await screen.findByText(/\(#1\)$/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load older messages' })).toBeNull();
  });

  it('dismisses a report after confirmation: the mutation resolves it and the queue no longer lists it', async () => {
    renderReports();
    await userEvent.click(await screen.findByRole('link', { name: 'Review report 3' }));
    await screen.findByText('Buy followers cheap at example.test');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    const dialog = await screen.findByRole('dialog', { name: 'Dismiss this report?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Dismiss' }));
    await screen.findByRole('table', { name: 'Reported chat messages' });
    await waitFor(() => expect(queueRows()).toHaveLength(1));
    expect(screen.queryByRole('link', { name: 'Review report 3' })).toBeNull();
    expect(adminReportsMock.reports().find((r) => r.id === '3')?.status).toBe('dismissed');
  });

  it('deletes the reported message after confirmation', async () => {
    renderReports('/admin/reports?report=2');
    await screen.findByText('You are useless, quit music');
    await userEvent.click(screen.getByRole('button', { name: 'Delete message' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this message?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete message' }));
    await screen.findByRole('table', { name: 'Reported chat messages' });
    const report = adminReportsMock.reports().find((r) => r.id === '2');
    expect(report?.status).toBe('actioned');
    expect(report?.message.deleted).toBe(true);
  });

  it('shows the server error in the dialog when resolving fails, and keeps the report open', async () => {
    server.use(states.error('admin.chat.resolveReport', 'CONFLICT', 'This report was already resolved.'));
    renderReports('/admin/reports?report=3');
    await screen.findByText('Buy followers cheap at example.test');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    const dialog = await screen.findByRole('dialog', { name: 'Dismiss this report?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Dismiss' }));
    expect(await within(dialog).findByText('This report was already resolved.')).toBeTruthy();
    expect(adminReportsMock.reports().find((r) => r.id === '3')?.status).toBe('open');
  });

  it('shows why a conversation cannot be read', async () => {
    renderReports('/admin/reports?report=1');
    expect(await screen.findByText('The conversation could not be loaded')).toBeTruthy();
    expect(screen.getByText('This report was resolved: its conversation can no longer be read.')).toBeTruthy();
  });

  it('shows an error when the queue fails to load', async () => {
    server.use(states.error('admin.chat.reports'));
    renderReports();
    expect(await screen.findByText('The reports could not be loaded')).toBeTruthy();
  });

  it('shows the empty state', async () => {
    adminReportsMock.clear();
    renderReports();
    expect(await screen.findByText('No reports here')).toBeTruthy();
  });
});
