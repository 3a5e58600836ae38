import type { Meta, StoryObj } from '@storybook/react-vite';
import { db, profileMock } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
import { ProfilePage } from '../../pages/profile/profile.page.tsx';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';

// Profiles (issue 11): banner, avatar, location, links, pinned track, and the editor's images and links.
const at = (username: string, session: ScreenParameters['session'] = null): ScreenParameters => ({ path: '/u/:username', url: `/u/${username}`, session });
const phone = { viewport: { value: 'mobile2', isRotated: false } };
const user = (username: string) => {
  const found = db.users.find((u) => u.username === username);
  if (!found) throw new Error(`no mock user ${username}`);
  return found;
};
const EIGHT_LINKS = [
  'https://marcdubois.fr',
  'https://marcdubois.bandcamp.com',
  'https://soundcloud.com/marcdubois',
  'https://open.spotify.com/artist/4marc',
  'https://music.apple.com/fr/artist/marc-dubois/1',
  'https://www.youtube.com/@marcdubois',
  'https://www.instagram.com/marc.dubois',
  'https://www.mixcloud.com/marcdubois/',
];

const meta = {
  title: 'Screens/Profile/Identity',
  component: ProfilePage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => {
    profileMock.reset();
    resetMocksFor(parameters.screen as ScreenParameters);
    (parameters.setup as (() => void) | undefined)?.();
  },
  parameters: { layout: 'fullscreen', screen: at('marc.dubois'), msw: mocks() },
} satisfies Meta<typeof ProfilePage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** No avatar, no banner: initials and a gradient in the person's colour. */
export const NoImages: Story = {};
/** A picture and a banner. */
export const WithAvatarAndBanner: Story = {
  parameters: {
    setup: () => {
      profileMock.setImage('marc.dubois', 'avatar', 30);
      profileMock.setImage('marc.dubois', 'banner', 200);
    },
  },
};
export const AvatarOnly: Story = { parameters: { setup: () => profileMock.setImage('marc.dubois', 'avatar', 120) } };
/** Ana: location, three links and a pinned track above her tracks. */
export const PinnedTrackAndLinks: Story = {
  parameters: { screen: at('ana') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('list', { name: 'Pinned track of Ana Lima' })).toBeVisible();
    await expect(canvas.getByRole('link', { name: /Bandcamp/ })).toHaveAttribute('rel', 'noopener noreferrer nofollow ugc');
  },
};
/** The longest location and all eight links, with a banner. */
export const LongLocationAndEightLinks: Story = {
  parameters: {
    setup: () => {
      Object.assign(user('marc.dubois'), { location: 'Saint-Germain-au-Mont-d’Or, Auvergne-Rhône-Alpes, France ·', links: EIGHT_LINKS });
      profileMock.setImage('marc.dubois', 'banner', 280);
    },
  },
};
export const LongLocationAndEightLinksOnPhone: Story = { ...LongLocationAndEightLinks, globals: phone };
export const WithImagesOnPhone: Story = { ...WithAvatarAndBanner, globals: phone };
export const PinnedTrackOnPhone: Story = { ...PinnedTrackAndLinks, globals: phone };
export const French: Story = { parameters: { screen: { ...at('ana'), language: 'fr' } } };

const openEditor = async (canvasElement: HTMLElement) => {
  const canvas = within(canvasElement);
  await userEvent.click(await canvas.findByRole('button', { name: /Edit profile|Modifier le profil/ }));
  return canvas;
};

/** The owner's editor: images, location, links (reorder, remove, add), pinned track. */
export const Editing: Story = {
  parameters: { screen: at('ana', storyUsers.ana), setup: () => profileMock.setImage('ana', 'banner', 330) },
  play: async ({ canvasElement }) => {
    const canvas = await openEditor(canvasElement);
    await expect(canvas.getByLabelText('Location')).toHaveValue('Lisbon, Portugal');
    await expect(canvas.getByRole('button', { name: 'Move analima.pt up' })).toBeEnabled();
  },
};
export const EditingOnPhone: Story = { ...Editing, globals: phone };
export const EditingInFrench: Story = {
  parameters: { screen: { ...at('ana', storyUsers.ana), language: 'fr' } },
  play: async ({ canvasElement }) => {
    await openEditor(canvasElement);
  },
};
/** A link refused as typed: `javascript:` is not a web address. */
export const EditingLinkRefused: Story = {
  parameters: { screen: at('ana', storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = await openEditor(canvasElement);
    await userEvent.type(canvas.getByLabelText('Add a link'), 'javascript:alert(1){Enter}');
    await expect(await canvas.findByText('Links must start with http:// or https://.')).toBeVisible();
  },
};
/** Eight links: the add field gives way to a note. */
export const EditingEightLinks: Story = {
  parameters: { screen: at('ana', storyUsers.ana), setup: () => Object.assign(user('ana'), { links: EIGHT_LINKS }) },
  play: async ({ canvasElement }) => {
    const canvas = await openEditor(canvasElement);
    await expect(canvas.getByText(/You have 8 links/)).toBeVisible();
  },
};

/** An upload in progress: the bar stays until the (held) upload ends. */
export const Uploading: Story = {
  parameters: { screen: at('ana', storyUsers.ana), setup: () => profileMock.holdUploads(new Promise(() => {})) },
  play: async ({ canvasElement }) => {
    const canvas = await openEditor(canvasElement);
    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'me.png', { type: 'image/png' });
    await userEvent.upload(canvas.getByLabelText(/^Choose a picture/), file);
    await expect(await canvas.findByRole('progressbar', { name: 'Sending the image…' }, { timeout: 5000 })).toBeVisible();
  },
};
/** The server refused the upload (here: too large): its words under the picker, nothing changed. */
export const UploadError: Story = {
  parameters: { screen: at('ana', storyUsers.ana), setup: () => profileMock.failNextUpload(413, 'Profile pictures must be at most 10 MB.') },
  play: async ({ canvasElement }) => {
    const canvas = await openEditor(canvasElement);
    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'me.png', { type: 'image/png' });
    await userEvent.upload(canvas.getByLabelText(/^Choose a picture/), file);
    await expect(await canvas.findByText('Profile pictures must be at most 10 MB.', {}, { timeout: 5000 })).toBeVisible();
  },
};
/** The same refusal in French: our words for the status. */
export const UploadErrorInFrench: Story = {
  parameters: { screen: { ...at('ana', storyUsers.ana), language: 'fr' }, setup: () => profileMock.failNextUpload(413, 'Profile pictures must be at most 10 MB.') },
  play: async ({ canvasElement }) => {
    const canvas = await openEditor(canvasElement);
    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'me.png', { type: 'image/png' });
    await userEvent.upload(canvas.getByLabelText(/^Choisir une photo/), file);
    await expect(await canvas.findByText('Cette image est trop lourde. La limite est de 10 Mo.', {}, { timeout: 5000 })).toBeVisible();
  },
};
