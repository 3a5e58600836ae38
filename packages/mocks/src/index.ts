export { handlers } from './handlers.ts';
export { states } from './states.ts';
export { aTrack, coverDataUrl, fixtures, tracks, users, wavePeaks, type MockUser } from './fixtures.ts';
export { db, resetMockDb, setSession, startUpload, type MockPendingUpload } from './db.ts';
export { createTrpcMsw, MockTrpcError, trpcMsw, type FieldErrors, type ProcedurePath } from './trpc-msw.ts';
export { elevateMockSession, enableMockTwoFactor, expireMockTickets, secondFactorAnswer, MOCK_RECOVERY_CODES, MOCK_SPENT_TOTP_CODE, MOCK_TOTP_CODE } from './security-handlers.ts';
export { accountMock, aSession } from './account-handlers.ts';
export { chatHandlers, chatMock, MOCK_INVITE_CODE, MOCK_ROOMS, type MockChatEvent } from './chat-handlers.ts';
