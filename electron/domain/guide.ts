/**
 * Service-guide data: the articles in resources/guide/articles/*.json and the outlet list a
 * site configures (a `guide` section of the kiosk configuration). Pure zod, no Node and no DOM,
 * so the configuration loader (main) and the guide screen (renderer) validate the same shape.
 */
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

/** One piece of text in both UI languages; the keys are the contract's `Language` values. */
export const LocalizedText = z.object({ 'zh-CN': text(2000), en: text(2000) }).strict();
export type LocalizedText = z.infer<typeof LocalizedText>;

/** What an article body is made of. Kept small so every block reads well at 32 px. */
export const GuideBlock = z.discriminatedUnion('type', [
  /** Running text. */
  z.object({ type: z.literal('paragraph'), text: LocalizedText }).strict(),
  /** Numbered steps, done in order. */
  z.object({ type: z.literal('steps'), items: z.array(LocalizedText).min(1).max(12) }).strict(),
  /** Bulleted items in no particular order (documents to bring, functions). */
  z.object({ type: z.literal('list'), items: z.array(LocalizedText).min(1).max(12) }).strict(),
  /** Something the reader must not miss, shown boxed. */
  z.object({ type: z.literal('note'), text: LocalizedText }).strict(),
  /** A law or rule: its source and article, and what it says in plain words. */
  z
    .object({
      type: z.literal('law'),
      source: LocalizedText,
      article: LocalizedText,
      text: LocalizedText,
    })
    .strict(),
]);
export type GuideBlock = z.infer<typeof GuideBlock>;

export const GuideArticle = z
  .object({
    /** Also the file name: resources/guide/articles/<id>.json. */
    id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
    /** Position in the guide's list; lower first. */
    order: z.number().int().min(0).max(1000),
    title: LocalizedText,
    /** One line under the title in the list. */
    summary: LocalizedText,
    body: z.array(GuideBlock).min(1).max(30),
    /** Words people search with that the text itself may not contain (synonyms, slang). */
    keywords: z
      .object({
        'zh-CN': z.array(text(40)).max(30),
        en: z.array(text(40)).max(30),
      })
      .strict(),
  })
  .strict();
export type GuideArticle = z.infer<typeof GuideArticle>;

/** What an outlet can do for a citizen; each has a label in both languages in the UI. */
export const OutletService = z.enum([
  'card_application',
  'card_replacement',
  'instant_issuance',
  'loss_report',
  'activation',
  'pin_unlock',
  'financial_activation',
]);
export type OutletService = z.infer<typeof OutletService>;

export const Outlet = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/),
    name: LocalizedText,
    address: LocalizedText,
    hours: LocalizedText,
    /** Digits, spaces and dashes only: it is read out and dialled, never a link. */
    phone: z
      .string()
      .regex(/^[0-9][0-9 -]{2,24}$/)
      .optional(),
    services: z.array(OutletService).min(1).max(OutletService.options.length),
  })
  .strict();
export type Outlet = z.infer<typeof Outlet>;

/**
 * The `guide` section of the kiosk configuration. Sites list the outlets near them; the hotline
 * is the national 12333 unless a site has reason to show a local number alongside.
 */
export const GuideConfigSchema = z
  .object({
    hotline: z
      .string()
      .regex(/^[0-9][0-9 -]{2,24}$/)
      .default('12333'),
    outlets: z.array(Outlet).max(40).default([]),
  })
  .strict();
export type GuideConfig = z.infer<typeof GuideConfigSchema>;
