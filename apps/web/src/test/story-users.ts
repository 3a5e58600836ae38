import { fixtures, type MockUser } from '@veza/mocks';
import type { SessionUser } from '../stores/session.ts';

const toSession = ({ password: _password, ...user }: MockUser): SessionUser => user;

/** Mock accounts as the session store holds them (ana owns "Night Drive"; ines is private, lea_m asks to follow her). */
export const storyUsers = { ana: toSession(fixtures.ana), marc: toSession(fixtures.marc), lea: toSession(fixtures.lea), ines: toSession(fixtures.ines) };
