import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { delay, http, HttpResponse, type RequestHandler } from 'msw';
import type { MeDto, TrackDto } from '@veza/api';
import { httpStatusOf, trpcErrorBody, trpcMsw, type FieldErrors, type ProcedurePath } from './trpc-msw.ts';

/** Matches a non-batched tRPC request for one procedure, relative or absolute, GET or POST. */
const procedureUrl = (path: ProcedurePath) => new RegExp(`/trpc/${path.replace('.', '\\.')}$`);

/**
 * Handlers for UI states. Put them before the defaults (`[states.loading('tracks.list'), ...handlers]`):
 * MSW uses the first handler that matches.
 */
export const states = {
  /** The procedure never answers: loading skeletons and spinners stay on screen. */
  loading(path: ProcedurePath): RequestHandler {
    return http.all(procedureUrl(path), async () => {
      await delay('infinite');
      return HttpResponse.text('never');
    });
  },

  /** The procedure answers after `ms` milliseconds, then falls through to the next matching handler. */
  slow(path: ProcedurePath, ms = 1500): RequestHandler {
    return http.all(procedureUrl(path), async () => {
      await delay(ms);
      return undefined;
    });
  },

  /** The procedure fails with a tRPC error shaped like the server's. */
  error(path: ProcedurePath, code: TRPC_ERROR_CODE_KEY = 'INTERNAL_SERVER_ERROR', message = 'Something went wrong on our side. Please try again.', fieldErrors: FieldErrors | null = null): RequestHandler {
    return http.all(procedureUrl(path), () => HttpResponse.json(trpcErrorBody(path, code, message, fieldErrors), { status: httpStatusOf(code) }));
  },

  /** `tracks.list` returns no tracks (home and profile empty states). */
  emptyTracks(): RequestHandler {
    return trpcMsw.tracks.list.query(() => ({ items: [], nextCursor: null }));
  },

  /** `tracks.list` returns exactly these tracks, one page. */
  tracks(items: TrackDto[]): RequestHandler {
    return trpcMsw.tracks.list.query(() => ({ items, nextCursor: null }));
  },

  /** `tracks.byId` returns this track whatever the id. */
  track(track: TrackDto): RequestHandler {
    return trpcMsw.tracks.byId.query(() => track);
  },

  /** `auth.me` answers with this user (the rest of the mock back end still uses its own session). */
  me(user: MeDto): RequestHandler {
    return trpcMsw.auth.me.query(() => user);
  },

  /** The upload endpoint never answers (progress bar and cancel button stay on screen). */
  uploadNeverEnds(): RequestHandler {
    return http.post('*/api/tracks', async () => {
      await delay('infinite');
      return HttpResponse.json({ id: 'never' });
    });
  },

  /** The upload endpoint fails with this status and message. */
  uploadError(status: 400 | 401 | 413 | 415 | 422, code: string, message: string): RequestHandler {
    return http.post('*/api/tracks', () => HttpResponse.json({ error: { code, message } }, { status }));
  },

  /** The cover upload fails with this status and message. */
  coverError(status: 400 | 401 | 403 | 413 | 415, code: string, message: string): RequestHandler {
    return http.post('*/api/tracks/:id/cover', () => HttpResponse.json({ error: { code, message } }, { status }));
  },

  /** The cover upload never answers (the progress bar stays on screen). */
  coverNeverEnds(): RequestHandler {
    return http.post('*/api/tracks/:id/cover', async () => {
      await delay('infinite');
      return HttpResponse.json({ coverUrl: null });
    });
  },
};
