import { defineEntity, p } from '@mikro-orm/core';
import {
  PRODUCT_FILE_ROLES,
  PRODUCT_KINDS,
  PRODUCT_STATUSES,
  PRODUCT_TITLE_MAX,
  TIER_NAME_MAX,
  type LicenceTerms,
} from '@veza/validators';
import { Track } from '../entities/track.entity.ts';
import { User } from '../entities/user.entity.ts';

/**
 * Something a seller sells (issue 13): a beat (linked to one of the seller's tracks, whose audio is its preview), a
 * sample pack, a drum kit, presets or stems. Its files (ProductFile) are stored privately and only ever served to
 * the seller or to a holder of a paid licence; what each buyer gets is decided by the licence tier bought.
 * `version` grows with every edit a buyer could see (the cover's URL and cached pages follow it).
 */
const ProductSchema = defineEntity({
  name: 'Product',
  tableName: 'market_products',
  properties: {
    id: p.uuid().primary(),
    seller: () => p.manyToOne(User).deleteRule('restrict'),
    kind: p.enum([...PRODUCT_KINDS]),
    status: p.enum([...PRODUCT_STATUSES]).default('draft'),
    title: p.string().length(PRODUCT_TITLE_MAX),
    /** Sanitised rich text (HTML of a fixed set of tags), as the api stored it. */
    description: p.text().nullable(),
    /** A beat's track (its preview); null for other kinds, or once the track is deleted. */
    track: () => p.manyToOne(Track).nullable().deleteRule('set null').index(),
    genre: p.string().length(40).nullable(),
    bpm: p.integer().nullable(),
    musicalKey: p.string().length(12).nullable(),
    tags: p.json<string[]>().default('[]'),
    coverKey: p.string().length(300).nullable().hidden(),
    coverMimeType: p.string().length(32).nullable(),
    version: p.integer().default(1),
    publishedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  indexes: [
    { name: 'market_products_seller_recent_idx', properties: ['seller', 'createdAt'] },
    { name: 'market_products_on_sale_idx', properties: ['status', 'publishedAt'] },
  ],
});

export class Product extends ProductSchema.class {}
ProductSchema.setClass(Product);
export { ProductSchema };

/**
 * A way to buy a product, BeatStars-style (Basic, Premium, Trackout, Unlimited, Exclusive…): its price in minor
 * units, the files it delivers, whether it is exclusive (buying it takes the product off sale) and the licence's
 * terms, copied into each licence sold (a tier edited later does not change what was bought). `active` false: no
 * longer offered (kept for the licences that name it).
 */
const LicenceTierSchema = defineEntity({
  name: 'LicenceTier',
  tableName: 'market_licence_tiers',
  properties: {
    id: p.uuid().primary(),
    product: () => p.manyToOne(Product).deleteRule('cascade'),
    name: p.string().length(TIER_NAME_MAX),
    priceMinor: p.integer(),
    /** File roles delivered (PRODUCT_FILE_ROLES). */
    files: p.json<string[]>().default('[]'),
    exclusive: p.boolean().default(false),
    terms: p.json<LicenceTerms>(),
    position: p.integer().default(0),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  indexes: [{ name: 'market_licence_tiers_product_position_idx', properties: ['product', 'position'] }],
});

export class LicenceTier extends LicenceTierSchema.class {}
LicenceTierSchema.setClass(LicenceTier);
export { LicenceTierSchema };

/** A file of a product, in private storage (`storageKey` is never sent to a client). One file per role. */
const ProductFileSchema = defineEntity({
  name: 'ProductFile',
  tableName: 'market_product_files',
  properties: {
    id: p.uuid().primary(),
    product: () => p.manyToOne(Product).deleteRule('cascade'),
    role: p.enum([...PRODUCT_FILE_ROLES]),
    storageKey: p.string().length(300).hidden(),
    filename: p.string().length(255),
    mimeType: p.string().length(100),
    sizeBytes: p.bigint('number'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ name: 'market_product_files_product_role_unique', properties: ['product', 'role'] }],
});

export class ProductFile extends ProductFileSchema.class {}
ProductFileSchema.setClass(ProductFile);
export { ProductFileSchema };

/** Who shares a product's sales: their share of each sale's net in basis points, once they accepted it. */
export const COLLABORATOR_STATUSES = ['pending', 'accepted', 'declined'] as const;

const ProductCollaboratorSchema = defineEntity({
  name: 'ProductCollaborator',
  tableName: 'market_product_collaborators',
  properties: {
    product: () => p.manyToOne(Product).primary().deleteRule('cascade'),
    user: () => p.manyToOne(User).primary().deleteRule('restrict').index(),
    shareBasisPoints: p.integer(),
    status: p.enum([...COLLABORATOR_STATUSES]).default('pending'),
    createdAt: p.datetime().onCreate(() => new Date()),
    respondedAt: p.datetime().nullable(),
  },
});

export class ProductCollaborator extends ProductCollaboratorSchema.class {}
ProductCollaboratorSchema.setClass(ProductCollaborator);
export { ProductCollaboratorSchema };
