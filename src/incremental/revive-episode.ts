import type { Episode } from '../episodes/episode.ts';
import type { EpisodeRecord } from './episode-records.ts';

/**
 * The fields a revived episode reads from its record on first use: those that hold many small
 * objects (quotes, chapters, people, topics), the long strings no build reads of every episode
 * (the summary, the relative path, the source hash) and the notes. Planning a build reads none
 * of them of the episodes it does not render (see `episodeDigest`); an index page reads the
 * summaries of the episodes it lists. Which fields are here changes speed, never output.
 */
export const RECORD_FIELDS: ReadonlySet<string> = new Set([
  'quotes',
  'chapters',
  'guests',
  'topics',
  'subject',
  'related',
  'summary',
  'relativeFile',
  'sourceHash',
  'body',
  'html',
] satisfies (keyof Episode)[]);

/** Where a revived episode finds its record; `load` is called once, on the first read of a record field. */
export interface RecordSource {
  load(source: RecordSource): EpisodeRecord;
  record?: EpisodeRecord;
}

const sources = new WeakMap<object, RecordSource>();

function recordOf(episode: object, name: string): EpisodeRecord {
  const source = sources.get(episode);
  if (!source) throw new Error(`internal error: ${name} read from an object that is not a revived episode`);
  return (source.record ??= source.load(source));
}

/**
 * One accessor per record field, shared by every revived episode (`this` is the episode): the
 * same getter and setter functions keep all revived episodes on one hidden class, where an
 * accessor made per episode gave each its own and two closures per field.
 */
const ACCESSORS: ReadonlyMap<string, PropertyDescriptor> = new Map(
  [...RECORD_FIELDS].map((name) => [
    name,
    {
      enumerable: true,
      configurable: true,
      get(this: object): unknown {
        const record = recordOf(this, name);
        return name === 'body' ? record.body : name === 'html' ? record.html : record.lazy[name];
      },
      // A test or a tool may replace a field: it becomes a plain value.
      set(this: object, value: unknown): void {
        Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
      },
    },
  ]),
);

/**
 * The feeds' notes of a revived episode, from its record like the notes themselves: not
 * enumerable, as on a parsed episode (see `Episode.feedNotes`), and on every revived episode,
 * undefined or not, so that all keep one shape.
 */
const FEED_NOTES: PropertyDescriptor = {
  enumerable: false,
  configurable: true,
  get(this: object): unknown {
    return recordOf(this, 'feedNotes').feed;
  },
  set(this: object, value: unknown): void {
    Object.defineProperty(this, 'feedNotes', { value, writable: true, enumerable: false, configurable: true });
  },
};

/**
 * An episode from its stored fields: `names` in the order a fresh parse gives them, the values
 * of those not in `RECORD_FIELDS` from `values` (from `start`, in that order; the date as
 * milliseconds), the others read through `source` on first use. Every field is an own enumerable
 * property, so copies, JSON and structured clones of a revived episode equal those of a parsed one.
 */
export function reviveEpisode(names: readonly string[], values: readonly unknown[], start: number, source: RecordSource): Episode {
  const episode: Record<string, unknown> = {};
  let at = start;
  for (const name of names) {
    const accessor = ACCESSORS.get(name);
    if (accessor) Object.defineProperty(episode, name, accessor);
    else episode[name] = name === 'date' ? new Date(values[at++] as number) : values[at++];
  }
  Object.defineProperty(episode, 'feedNotes', FEED_NOTES);
  sources.set(episode, source);
  return episode as unknown as Episode;
}

/** An episode's fields as `reviveEpisode` takes them: names in order, and the values of those not in `RECORD_FIELDS`. */
export function storedFields(episode: Episode): { names: string[]; values: unknown[]; lazy: Record<string, unknown> } {
  const names: string[] = [];
  const values: unknown[] = [];
  const lazy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(episode)) {
    names.push(name);
    if (name === 'body' || name === 'html') continue;
    if (RECORD_FIELDS.has(name)) lazy[name] = value;
    else values.push(name === 'date' ? (value as Date).getTime() : value);
  }
  return { names, values, lazy };
}
