import { loginInput, registerInput } from '@veza/validators';
import { z } from 'zod';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';
import * as auth from './auth.service.ts';
import { clearSessionCookies, REFRESH_COOKIE, setSessionCookies } from './cookies.ts';
import { setDeviceCookie } from './device-cookie.ts';
import { sessionsRouter } from './sessions.router.ts';

const refreshInput = z.object({ refreshToken: z.string().min(1).max(200).optional() }).optional();

/** The session answer: the access token for API clients; browsers get httpOnly cookies too. */
const sessionAnswer = (tokens: auth.SessionTokens, includeRefresh: boolean) => ({
  accessToken: tokens.accessToken,
  ...(includeRefresh ? { refreshToken: tokens.refreshToken } : {}),
  user: tokens.user,
});

export const authRouter = router({
  register: publicProcedure.input(registerInput).mutation(async ({ ctx, input }) => {
    const tokens = await auth.register(ctx, input);
    setSessionCookies(ctx.deps, ctx.cookies, tokens);
    setDeviceCookie(ctx.deps, ctx.cookies, tokens.user.id);
    return sessionAnswer(tokens, false);
  }),

  /** Signs in, or asks for the second factor (`auth.mfa.complete` with the ticket) when 2FA is on. */
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const result = await auth.login(ctx, input);
    if (result.kind === 'second_factor') {
      return { status: 'second_factor' as const, ticket: result.ticket, methods: result.methods };
    }
    setSessionCookies(ctx.deps, ctx.cookies, result.tokens);
    return { status: 'signed_in' as const, ...sessionAnswer(result.tokens, false) };
  }),

  /** Rotates the refresh token from the cookie, or from the input for non-browser clients. */
  refresh: publicProcedure.input(refreshInput).mutation(async ({ ctx, input }) => {
    const fromInput = input?.refreshToken;
    try {
      const tokens = await auth.refresh(ctx, fromInput ?? ctx.cookies?.get(REFRESH_COOKIE));
      if (!fromInput) setSessionCookies(ctx.deps, ctx.cookies, tokens);
      return sessionAnswer(tokens, Boolean(fromInput));
    } catch (error) {
      if (!fromInput) clearSessionCookies(ctx.cookies);
      throw error;
    }
  }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    await auth.logout(ctx, ctx.viewer, ctx.cookies?.get(REFRESH_COOKIE));
    clearSessionCookies(ctx.cookies);
    return { ok: true as const };
  }),

  me: authedProcedure.query(({ ctx }) => auth.me(ctx, ctx.viewer)),

  sessions: sessionsRouter,
});
