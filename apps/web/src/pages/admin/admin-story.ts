import { accountMock } from '@veza/mocks';
import { storyUsers } from '../../test/story-users.ts';
import { resetMocksFor, type ScreenParameters } from '../../test/story.tsx';

type Role = 'admin' | 'moderator' | 'user';

/** Screen parameters for an admin page, signed in as ana with `role`. */
export const adminAt = (page: string, role: Role = 'admin', language: 'en' | 'fr' = 'en'): ScreenParameters => ({
  path: '/admin/*',
  url: `/admin/${page}`,
  session: { ...storyUsers.ana, role },
  language,
});

/** Resets the mock back end and gives the mock ana the story's role. */
export function resetAdminMocks(screen: ScreenParameters | undefined) {
  resetMocksFor(screen);
  const session = screen?.session;
  if (session && session !== 'unknown') accountMock.setRole(session.username, session.role);
}
