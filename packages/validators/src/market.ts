// The marketplace's vocabulary (issue 13): what is sold (products and their licence tiers), what a licence allows,
// and the limits every layer shares. Money is always an integer number of minor units (cents) of the instance's one
// currency; nothing here is a float.
import { z } from 'zod';
import { text } from './text.ts';

/** What a product is. A beat is linked to one of its seller's tracks (its preview comes from that track). */
export const PRODUCT_KINDS = ['beat', 'sample_pack', 'drum_kit', 'preset', 'stems'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

/**
 * A product's life: a draft is the seller's only; published is on sale; withdrawn is off sale by its seller (buyers
 * keep their licences); sold_exclusive is off sale because an exclusive licence was bought.
 */
export const PRODUCT_STATUSES = ['draft', 'published', 'withdrawn', 'sold_exclusive'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** What a licence tier delivers: the files of these roles (a pack or preset is one archive). */
export const PRODUCT_FILE_ROLES = ['mp3', 'wav', 'stems', 'archive'] as const;
export type ProductFileRole = (typeof PRODUCT_FILE_ROLES)[number];

export const PRODUCT_TITLE_MAX = 120;
export const PRODUCT_DESCRIPTION_MAX = 5_000;
export const TIER_NAME_MAX = 40;
export const TIERS_PER_PRODUCT_MAX = 6;
export const COLLABORATORS_PER_PRODUCT_MAX = 5;
export const CREDIT_LINE_MAX = 200;
/** A tier's price, in minor units: at least 1.00, at most 100,000.00 of the currency. */
export const PRICE_MIN_MINOR = 100;
export const PRICE_MAX_MINOR = 10_000_000;
/** Shares are in basis points (1 % = 100), so splits are integers too. */
export const BASIS_POINTS = 10_000;

const count = (what: string) =>
  z
    .number(`${what} must be a number.`)
    .int(`${what} must be a whole number.`)
    .min(0, `${what} cannot be negative.`)
    .max(1_000_000_000, `${what} is too large; leave it empty for unlimited.`)
    .nullable();

/** What a licence allows; null counts are unlimited, a null term is perpetual. */
export const licenceTermsSchema = z.object({
  distributionCopies: count('The number of copies'),
  audioStreams: count('The number of streams'),
  musicVideos: count('The number of music videos'),
  radioStations: count('The number of radio stations'),
  paidPerformances: z.boolean('Say whether paid performances are allowed.'),
  termYears: z.number('The term must be a number of years.').int('The term must be a whole number of years.').min(1, 'The term is at least one year; leave it empty for a perpetual licence.').max(99, 'The term is at most 99 years.').nullable(),
  creditLine: text('The credit line').max(CREDIT_LINE_MAX, `The credit line is at most ${CREDIT_LINE_MAX} characters.`),
});
export type LicenceTerms = z.infer<typeof licenceTermsSchema>;

export const priceMinorSchema = z
  .number('The price must be a number.')
  .int('The price must be a whole number of cents.')
  .min(PRICE_MIN_MINOR, `The price is at least ${PRICE_MIN_MINOR / 100}.`)
  .max(PRICE_MAX_MINOR, `The price is at most ${PRICE_MAX_MINOR / 100}.`);

/** A basis-point share of a sale's net (1 to 10,000). */
export const shareBasisPointsSchema = z
  .number('The share must be a number.')
  .int('The share must be a whole number of basis points (1 % = 100).')
  .min(1, 'A share is more than zero.')
  .max(BASIS_POINTS, 'A share is at most 100 %.');
