import type { RouterInputs } from '@veza/api';
import { USER_ROLE_VALUES } from '@veza/validators';

export type UserRole = RouterInputs['admin']['users']['setRole']['role'];

/** Every role, in the order the selects show them. */
export const USER_ROLES: readonly UserRole[] = USER_ROLE_VALUES;
