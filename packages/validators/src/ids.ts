import { z } from 'zod';

/** The largest PostgreSQL bigint: ids above it pass a digits-only pattern but not the database. */
export const MAX_BIGINT = 9_223_372_036_854_775_807n;

/** True for a decimal id (0 or more) that fits a PostgreSQL bigint. */
export const isBigintId = (value: string) => /^[0-9]{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT;

/** An opaque page cursor as the server writes them (base64url); what it encodes is checked where it is decoded. */
export const opaqueCursorSchema = z
  .string('This page link is no longer valid. Start again from the first page.')
  .max(200, 'This page link is no longer valid. Start again from the first page.')
  .regex(/^[A-Za-z0-9_-]*$/, 'This page link is no longer valid. Start again from the first page.');

/** A database-generated bigint id sent back as text (`lastEventId`, list cursors), checked against the full range. */
export const bigintIdSchema = (message: string) => z.string(message).refine(isBigintId, { message, abort: true });
