// One-click unsubscribe for notification mails (RFC 8058, issue 12). Each mail's List-Unsubscribe header points here
// with a signed token (packages/api/src/notifications/unsubscribe.ts); a mail client POSTs `List-Unsubscribe=One-Click`
// (form-encoded, or multipart) with no cookie and no Origin: the token alone names the account and the kind, whose
// email channel is switched off (a digest's token names the digest, which is turned off). A GET does nothing (link scanners follow links): the mail's footer links to the web
// page instead, which asks before calling `notifications.unsubscribe`.
import { DomainError, httpStatusOf, unsubscribeNotifications, UNSUBSCRIBE_HTTP_PATH, type ApiDeps } from '@veza/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorBody } from '../http-errors.ts';

/** A token is about 120 characters; anything much longer is not one. */
const TOKEN_MAX = 400;
const ONE_CLICK = 'One-Click';
const NOT_ONE_CLICK = 'To unsubscribe, send List-Unsubscribe=One-Click (RFC 8058), or open the link at the bottom of the email.';

/** The `List-Unsubscribe` field of a form-encoded or multipart body; null when there is none. */
async function oneClickField(req: FastifyRequest): Promise<string | null> {
  if (req.body instanceof URLSearchParams) return req.body.get('List-Unsubscribe');
  if (!req.isMultipart()) return null;
  for await (const part of req.parts({ limits: { fields: 4, files: 0, fieldSize: 64 } })) {
    if (part.type === 'field' && part.fieldname === 'List-Unsubscribe') return typeof part.value === 'string' ? part.value : null;
  }
  return null;
}

export function unsubscribeRoutes(app: FastifyInstance, { deps }: { deps: ApiDeps }) {
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_req, body, done) => {
      done(null, new URLSearchParams(String(body)));
    });

    scope.post<{ Querystring: { token?: string } }>(UNSUBSCRIBE_HTTP_PATH, async (req, reply) => {
      const token = req.query.token;
      let field: string | null;
      try {
        field = await oneClickField(req);
      } catch {
        field = null;
      }
      if (field !== ONE_CLICK) return reply.code(400).send(errorBody('BAD_REQUEST', NOT_ONE_CLICK));
      if (typeof token !== 'string' || !token || token.length > TOKEN_MAX) {
        return reply.code(400).send(errorBody('BAD_REQUEST', 'This unsubscribe link is not valid. Sign in and change your notification settings instead.'));
      }
      try {
        return reply.code(200).send(await unsubscribeNotifications({ deps, em: deps.db.fork() }, token));
      } catch (error) {
        if (error instanceof DomainError) return reply.code(httpStatusOf(error)).send(errorBody(error.code, error.message));
        throw error;
      }
    });
  });
}
