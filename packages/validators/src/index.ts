export * from './auth.ts';
export * from './users.ts';
export * from './tracks.ts';
export * from './notifications.ts';
export * from './oauth.ts';
export * from './security.ts';
export * from './account.ts';
export * from './username.ts';
