import type { Meta, StoryObj } from '@storybook/react-vite';
import { MockTrpcError, states, trpcMsw } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { UnsubscribePage } from './unsubscribe.page.tsx';

/** The shape of a real token (the mock back end answers for it; the page only reads its kind). */
const TOKEN = 'u1.0b1f7a52-5d0e-4c53-9a5e-3f0f2b1c9d11.comments.email.1796000000.Zm9yLXN0b3JpZXMtb25seQ';
/** A digest's footer link: the digest in the kind's place. */
const DIGEST_TOKEN = 'u1.0b1f7a52-5d0e-4c53-9a5e-3f0f2b1c9d11.digest.email.1796000000.Zm9yLXN0b3JpZXMtb25seQ';
const at = (token: string | null, language: ScreenParameters['language'] = 'en'): ScreenParameters => ({
  path: '/unsubscribe',
  url: token === null ? '/unsubscribe' : `/unsubscribe?token=${encodeURIComponent(token)}`,
  session: null,
  language,
});

const done = () => trpcMsw.notifications.unsubscribe.mutation(() => ({ kind: 'comments' as const, channel: 'email' as const, username: 'ana' }));
const digestDone = () => trpcMsw.notifications.unsubscribe.mutation(() => ({ kind: 'digest' as const, channel: 'email' as const, username: 'ana' }));
const refused = () =>
  trpcMsw.notifications.unsubscribe.mutation(() => {
    throw Object.assign(new MockTrpcError('BAD_REQUEST', 'This unsubscribe link has expired. Sign in and change your notification settings instead.'), { reason: 'unsubscribe_expired' });
  });

const meta = {
  title: 'Pages/Unsubscribe',
  component: UnsubscribePage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { screen: at(TOKEN), msw: mocks(done()) },
} satisfies Meta<typeof UnsubscribePage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** From a comment mail's footer, signed out: which emails stop, and a button (nothing happens until it is clicked). */
export const Ask: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Stop emails about comments and replies?')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Stop these emails' }));
    await expect(await canvas.findByRole('status')).toHaveTextContent("You won't get emails about comments and replies any more.");
    await expect(canvas.queryByRole('button', { name: 'Stop these emails' })).toBeNull();
  },
};

/** From a digest's footer: the digest stops (its own sentences, not "emails about …"). */
export const Digest: Story = {
  parameters: { screen: at(DIGEST_TOKEN), msw: mocks(digestDone()) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Stop the email digest of your unread notifications?')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Stop these emails' }));
    await expect(await canvas.findByRole('status')).toHaveTextContent("You won't get the digest of your unread notifications any more.");
  },
};

/** The digest's link in French. */
export const DigestFrench: Story = {
  parameters: { screen: at(DIGEST_TOKEN, 'fr'), msw: mocks(digestDone()) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Ne plus recevoir le résumé par e-mail de vos notifications non lues ?')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Ne plus recevoir ces e-mails' }));
    await expect(await canvas.findByRole('status')).toHaveTextContent('Vous ne recevrez plus le résumé de vos notifications non lues.');
  },
};

/** Clicked, the server has not answered: the button is busy. */
export const Pending: Story = {
  parameters: { msw: mocks(states.loading('notifications.unsubscribe')) },
  play: async ({ canvasElement }) => {
    const button = await within(canvasElement).findByRole('button', { name: 'Stop these emails' });
    await userEvent.click(button);
    await expect(button).toHaveAttribute('aria-busy', 'true');
  },
};

/** An expired (or forged) link: the API's words, and the button to try again. */
export const Refused: Story = {
  parameters: { msw: mocks(refused()) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Stop these emails' }));
    await expect(await canvas.findByText('This unsubscribe link has expired. Sign in and change your notification settings instead.')).toBeVisible();
  },
};

/** The link lost its token (cut by a mail client). */
export const MissingToken: Story = {
  parameters: { screen: at(null) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('This link is incomplete')).toBeVisible();
    await expect(within(canvasElement).queryByRole('button', { name: 'Stop these emails' })).toBeNull();
  },
};

export const French: Story = {
  parameters: { screen: at(TOKEN, 'fr') },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText("Ne plus recevoir d'e-mails pour les commentaires et réponses ?")).toBeVisible();
  },
};

/** The refusal in French: our words for it. */
export const RefusedFrench: Story = {
  parameters: { screen: at(TOKEN, 'fr'), msw: mocks(refused()) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Ne plus recevoir ces e-mails' }));
    await expect(await canvas.findByText(/Ce lien de désinscription n'est pas valide ou a expiré/)).toBeVisible();
  },
};

/** On a phone (390 px). */
export const OnPhone: Story = { globals: { viewport: { value: 'mobile2', isRotated: false } } };
