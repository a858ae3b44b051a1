/**
 * Runtime checks of API responses, at the edge, before anything is rendered.
 * The compile-time assertions at the bottom tie each schema to the types generated from
 * api/schema/openapi.yaml: if the contract changes shape, `tsc` fails here.
 */
import { z } from "zod";
import type { components } from "./api-types";

/** An image: the original's size (its aspect ratio) and one URL per size name. */
export const Image = z.object({
  alt: z.string(),
  width: z.number(),
  height: z.number(),
  urls: z.object({
    square: z.string().optional(),
    thumbnail: z.string().optional(),
    logo: z.string().optional(),
    logo_small: z.string().optional(),
    hero: z.string().optional(),
    card: z.string().optional(),
  }),
});
const JsonLd = z.record(z.string(), z.unknown());

export const Venue = z.object({
  name: z.string(),
  address: z.string(),
  city: z.string(),
  postal_code: z.string(),
  country: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
});

export const OrganisationSummary = z.object({
  id: z.number(),
  guid: z.string(),
  name: z.string(),
  short_name: z.string(),
  slug: z.string(),
  website: z.string(),
  logo: Image.nullable(),
});

/** An organisation inside a list (/partners/): the small logo only. */
export const PartnerOrganisation = z.object({ id: z.number(), name: z.string(), slug: z.string(), logo: Image.nullable() });

export const PartnerGroup = z.object({
  role: z.string(),
  role_label: z.string(),
  partners: z.array(z.object({ order: z.number(), tier: z.string(), organisation: OrganisationSummary })),
});

export const Edition = z.object({
  id: z.number(),
  guid: z.string(),
  year: z.number().int(),
  title: z.string(),
  slug: z.string(),
  locale: z.string(),
  theme: z.string(),
  status: z.string(),
  start_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  end_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  timezone: z.string(),
  intro: z.string(),
  venue: Venue,
  registration_url: z.string(),
  hero_image: Image.nullable(),
  url: z.string().nullable(),
  updated_at: z.string().nullable(),
  links: z.object({
    self: z.string(),
    sessions: z.string(),
    schedule_xml: z.string(),
    schedule_json: z.string(),
    agenda_ics: z.string(),
    agenda_csv: z.string(),
  }),
  jsonld: JsonLd,
});

/** The series an edition belongs to (its footer: contact e-mail, social profiles). */
export const Conference = z.object({
  title: z.string(),
  acronym: z.string(),
  contact_email: z.string(),
  social_links: z.array(z.object({ network: z.string(), url: z.string() })),
});

const Named = z.object({ id: z.number(), name: z.string(), slug: z.string(), locale: z.string() });
export const EditionDetail = Edition.extend({
  conference: Conference,
  rooms: z.array(z.object({ id: z.number(), guid: z.string(), name: z.string(), capacity: z.number().nullable(), floor: z.string(), locale: z.string() })),
  tracks: z.array(Named.extend({ color: z.string() })),
  topics: z.array(Named),
  industries: z.array(Named),
  partners: z.array(PartnerGroup),
});

export const PersonSummary = z.object({
  id: z.number(),
  guid: z.string(),
  name: z.string(),
  slug: z.string(),
  job_title: z.string(),
  organisation: OrganisationSummary.nullable(),
  photo: Image.nullable(),
});

const SessionCore = z.object({
  id: z.number(),
  guid: z.string(),
  title: z.string(),
  slug: z.string(),
  locale: z.string(),
  year: z.number().int(),
  type: z.string(),
  type_label: z.string(),
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
  timezone: z.string(),
  language: z.string(),
  room: z.object({ id: z.number(), name: z.string() }).nullable(),
  track: z.object({ id: z.number(), name: z.string(), slug: z.string(), color: z.string() }).nullable(),
  url: z.string().nullable(),
  updated_at: z.string().nullable(),
  /** Cancelled, yet still in the published agenda (marked so). Absent in older answers: not cancelled. */
  cancelled: z.boolean().default(false),
});

/** A session in /sessions/ (no `expand`): short speakers (with the organisation at the time of the
 * session), topic and industry ids. */
export const Session = SessionCore.extend({
  speakers: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      role: z.string(),
      photo: z.string().nullable(),
      organisation: z.object({ id: z.number(), name: z.string() }).nullish(),
    }),
  ),
  topics: z.array(z.number()),
  industries: z.array(z.number()),
});

/** /sessions/{id}/: everything, with full speakers, topics and industries. */
export const SessionDetail = SessionCore.extend({
  abstract: z.string(),
  speakers: z.array(z.object({ role: z.string(), person: PersonSummary })),
  topics: z.array(Named),
  industries: z.array(Named),
  calendar_url: z.string(),
  jsonld: JsonLd,
  materials: z.array(z.object({ kind: z.string(), title: z.string(), url: z.string() })),
});

const Appearance = z.object({
  role: z.string(),
  session: z.object({
    id: z.number(),
    title: z.string(),
    type: z.string(),
    start: z.iso.datetime({ offset: true }),
    end: z.iso.datetime({ offset: true }),
    year: z.number(),
  }),
});

/** A speaker in /speakers/ (no `expand`); appearances of the `year` asked for, else all. */
export const SpeakerListItem = z.object({
  id: z.number(),
  guid: z.string(),
  name: z.string(),
  slug: z.string(),
  job_title: z.string(),
  organisation: z.object({ id: z.number(), name: z.string() }).nullable(),
  photo: Image.nullable(),
  appearances: z.array(Appearance),
});

/** /speakers/{id}/: everything. */
export const Speaker = z.object({
  id: z.number(),
  guid: z.string(),
  name: z.string(),
  slug: z.string(),
  job_title: z.string(),
  organisation: OrganisationSummary.nullable(),
  photo: Image.nullable(),
  bio: z.string(),
  website: z.string(),
  linkedin: z.string(),
  locale: z.string(),
  updated_at: z.string().nullable(),
  appearances: z.array(Appearance),
  calendar_url: z.string(),
});

export const Topic = Named;

export const Page = z.object({
  id: z.number(),
  type: z.string(),
  title: z.string(),
  slug: z.string(),
  locale: z.string(),
  year: z.number().nullable(),
  date: z.string().nullish(),
  intro: z.string(),
  image: Image.nullable(),
  url: z.string().nullable(),
  updated_at: z.string().nullable(),
});
export const StreamBlock = z.object({ type: z.string(), value: z.unknown(), id: z.string().optional() });
export const PageDetail = Page.extend({
  body: z.union([z.array(StreamBlock), z.record(z.string(), z.unknown())]),
  getting_there: z.string(),
  accessibility: z.string(),
});

/** An edition in /partners/: organisations as PartnerOrganisation (the edition detail has more). */
export const EditionPartners = z.object({
  year: z.number(),
  title: z.string(),
  groups: z.array(
    z.object({
      role: z.string(),
      role_label: z.string(),
      partners: z.array(z.object({ order: z.number(), tier: z.string(), organisation: PartnerOrganisation })),
    }),
  ),
});

const FacetValue = z.object({ value: z.string(), label: z.string(), count: z.number() });
export const SearchHit = z.object({
  id: z.string(),
  kind: z.enum(["session", "edition", "news", "page", "venue", "person", "organisation"]),
  kind_label: z.string(),
  object_id: z.number(),
  locale: z.string(),
  fallback: z.boolean(),
  title: z.string(),
  title_highlighted: z.string(),
  snippet: z.string(),
  snippet_field: z.string(),
  summary: z.string(),
  slug: z.string(),
  path: z.string(),
  years: z.array(z.number()),
  edition: z.string(),
  session_type: z.string(),
  type_label: z.string(),
  track: z.string(),
  track_name: z.string(),
  topics: z.array(z.string()),
  industries: z.array(z.string()),
  language: z.string(),
  room: z.string(),
  speakers: z.array(z.object({ id: z.number(), name: z.string(), role: z.string() })),
  date: z.string().nullable(),
  score: z.number(),
});
export const SearchResult = z.object({
  query: z.string(),
  total: z.number(),
  page: z.number(),
  page_size: z.number(),
  pages: z.number(),
  degraded: z.boolean(),
  did_you_mean: z.string().nullable(),
  results: z.array(SearchHit),
  facets: z.object({
    year: z.array(FacetValue),
    kind: z.array(FacetValue),
    type: z.array(FacetValue),
    track: z.array(FacetValue),
    topic: z.array(FacetValue),
    industry: z.array(FacetValue),
    language: z.array(FacetValue),
  }),
});
export const SuggestResult = z.object({
  query: z.string(),
  degraded: z.boolean(),
  suggestions: z.array(
    z.object({ id: z.string(), kind: z.string(), object_id: z.number(), locale: z.string(), title: z.string(), path: z.string(), slug: z.string() }),
  ),
});

export function paginated<T extends z.ZodTypeAny>(item: T) {
  return z.object({ count: z.number(), next: z.string().nullish(), previous: z.string().nullish(), results: z.array(item) });
}

export type Edition = z.infer<typeof Edition>;
export type EditionDetail = z.infer<typeof EditionDetail>;
export type Session = z.infer<typeof Session>;
export type SessionDetail = z.infer<typeof SessionDetail>;
export type Speaker = z.infer<typeof Speaker>;
export type SpeakerListItem = z.infer<typeof SpeakerListItem>;
export type Topic = z.infer<typeof Topic>;
export type Page = z.infer<typeof Page>;
export type PageDetail = z.infer<typeof PageDetail>;
export type PartnerGroup = z.infer<typeof PartnerGroup>;
export type Conference = z.infer<typeof Conference>;
export type EditionPartners = z.infer<typeof EditionPartners>;
export type SearchResult = z.infer<typeof SearchResult>;
export type SearchHit = z.infer<typeof SearchHit>;
export type SuggestResult = z.infer<typeof SuggestResult>;
export type ImageT = z.infer<typeof Image>;

// Contract drift: every response the OpenAPI file promises must satisfy our schema's type.
type S = components["schemas"];
type Assert<T extends U, U> = T;
/** A list item as the API sends it without `expand`: the optional fields absent, the first of
 * each either-or shape (short speakers, ids). */
type Unexpanded<T, Absent extends keyof T, Short> = Omit<T, Absent | keyof Short> & Short;
type SessionUnexpanded = Unexpanded<
  S["SessionListItem"],
  "abstract" | "jsonld" | "calendar_url",
  { speakers: S["SessionSpeakerRef"][]; topics: number[]; industries: number[] }
>;
type SpeakerUnexpanded = Unexpanded<S["SpeakerListItem"], "bio" | "website" | "linkedin", object>;
export type ContractChecks = [
  Assert<S["SessionSpeakerRef"], S["SessionListItem"]["speakers"][number]>,
  Assert<number, S["SessionListItem"]["topics"][number]>,
  Assert<number, S["SessionListItem"]["industries"][number]>,
  Assert<S["Edition"], Edition>,
  Assert<S["EditionDetail"], Omit<EditionDetail, never>>,
  Assert<SessionUnexpanded, Session>,
  Assert<S["SessionDetail"], SessionDetail>,
  Assert<SpeakerUnexpanded, SpeakerListItem>,
  Assert<S["Speaker"], Speaker>,
  Assert<S["Page"], Page>,
  Assert<Omit<S["PageDetail"], "body">, Omit<PageDetail, "body">>,
  Assert<S["EditionPartnersListItem"], EditionPartners>,
  Assert<S["SearchResult"], SearchResult>,
  Assert<S["SuggestResult"], SuggestResult>,
];
