export { handlers } from './handlers.ts';
export { states } from './states.ts';
export { aTrack, coverDataUrl, fixtures, tracks, users, wavePeaks, type MockUser } from './fixtures.ts';
export { db, resetMockDb, setSession } from './db.ts';
export { createTrpcMsw, MockTrpcError, trpcMsw, type FieldErrors, type ProcedurePath } from './trpc-msw.ts';
