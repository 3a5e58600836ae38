import { z } from 'zod';
import { roomIdSchema } from './chat.ts';
import { hasForbiddenCharacters } from './text.ts';

/** Largest SDP offer or answer relayed between the two parties, in characters (real ones are a few KB). */
export const CALL_SDP_MAX_LENGTH = 64 * 1024;
/** Largest ICE candidate line relayed (real ones are under 300 characters). */
export const CALL_CANDIDATE_MAX_LENGTH = 2048;

export const callIdSchema = z.uuid('Unknown call.');

export const startCallInput = z.object({ roomId: roomIdSchema });
export type StartCallInput = z.infer<typeof startCallInput>;

export const callIdInput = z.object({ callId: callIdSchema });
export type CallIdInput = z.infer<typeof callIdInput>;

/** How a call ended from the hanging-up side: by hand, or because the connection could not be restored. */
export const hangupCallInput = z.object({
  callId: callIdSchema,
  reason: z.enum(['hangup', 'failed'], 'A hang-up reason is hangup or failed.').optional(),
});
export type HangupCallInput = z.infer<typeof hangupCallInput>;

/** An RTCSessionDescription as sent over signalling: an offer or an answer (rollbacks stay local). */
export const sessionDescriptionSchema = z.object(
  {
    type: z.enum(['offer', 'answer'], 'A session description is an offer or an answer.'),
    sdp: z
      .string('A session description needs its SDP.')
      .min(1, 'A session description needs its SDP.')
      .max(CALL_SDP_MAX_LENGTH, `A session description must be at most ${CALL_SDP_MAX_LENGTH / 1024} KB.`)
      // SDP is lines of text (CRLF): relayed as is, but never with other control characters.
      .refine((sdp) => !hasForbiddenCharacters(sdp, { multiline: true }), 'A session description cannot contain control characters.'),
  },
  'A session description is an object with type and sdp.',
);
export type SessionDescriptionInput = z.infer<typeof sessionDescriptionSchema>;

const oneLine = (value: string) => !hasForbiddenCharacters(value);

/** An RTCIceCandidateInit; an empty `candidate` string is the end-of-candidates marker. */
export const iceCandidateSchema = z.object(
  {
    candidate: z
      .string('An ICE candidate is a string.')
      .max(CALL_CANDIDATE_MAX_LENGTH, `An ICE candidate must be at most ${CALL_CANDIDATE_MAX_LENGTH} characters.`)
      .refine(oneLine, 'An ICE candidate cannot contain control characters.'),
    sdpMid: z.string().max(64, 'An ICE candidate media id must be at most 64 characters.').refine(oneLine, 'An ICE candidate media id cannot contain control characters.').nullable().optional(),
    sdpMLineIndex: z.number().int().min(0).max(1024).nullable().optional(),
    usernameFragment: z
      .string()
      .max(256, 'An ICE username fragment must be at most 256 characters.')
      .refine(oneLine, 'An ICE username fragment cannot contain control characters.')
      .nullable()
      .optional(),
  },
  'An ICE candidate is an object with a candidate line.',
);
export type IceCandidateInput = z.infer<typeof iceCandidateSchema>;

/** What one party relays to the other: exactly one of a session description or an ICE candidate. */
export const callSignalInput = z
  .object({
    callId: callIdSchema,
    description: sessionDescriptionSchema.optional(),
    candidate: iceCandidateSchema.optional(),
  })
  .refine((v) => (v.description === undefined) !== (v.candidate === undefined), {
    message: 'Send either a session description or an ICE candidate.',
    path: ['description'],
  });
export type CallSignalInput = z.infer<typeof callSignalInput>;
