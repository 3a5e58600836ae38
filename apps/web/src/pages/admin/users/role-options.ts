import type { RouterInputs } from '@veza/api';

export type UserRole = RouterInputs['admin']['users']['setRole']['role'];

/** Every role, in the order the selects show them (checked against the API's type both ways). */
export const USER_ROLES = ['user', 'creator', 'artist', 'producer', 'label', 'premium', 'moderator', 'admin'] as const satisfies readonly UserRole[];
type MissingRole = Exclude<UserRole, (typeof USER_ROLES)[number]>;
export const allRolesListed: [MissingRole] extends [never] ? true : false = true;
