import { format } from 'date-fns/format';
import type Handlebars from 'handlebars';
import { formatTimestamp } from '../episodes/parse-time.ts';
import { formatInZone } from './format-in-zone.ts';
import { jsonSlot, type JsonSlots } from './json-slots.ts';

/** What the helpers need from the show. */
export interface HelperOptions {
  timezone: string;
}

/**
 * Every template helper, registered in one place (documented in the README):
 * - `{{date value "MMMM d, yyyy"}}` a date in the show's time zone (date-fns format);
 * - `{{timecode seconds}}` a timestamp as `H:MM:SS` or `M:SS`;
 * - `{{json value}}` JSON safe inside `<script>` (for JSON-LD); a long string is set aside
 *   when the render is given `jsonSlots` (`json-slots.ts`);
 * - `{{xml value}}` text escaped for XML (feeds), `{{cdata html}}` a CDATA section that
 *   survives `]]>` in its content;
 * - `{{yaml value}}` a YAML scalar, quoted so any text stays one value;
 * - `{{eq a b}}`, `{{plural n "episode"}}`.
 */
export function registerHelpers(hb: typeof Handlebars, options: HelperOptions): void {
  const formatted = new Map<string, string>();
  hb.registerHelper('date', (value: unknown, pattern: unknown) => {
    const shape = typeof pattern === 'string' ? pattern : 'MMMM d, yyyy';
    // A bare day (an air date) is a calendar day, not an instant: no time zone applies.
    const day = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
    if (day) return format(new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])), shape);
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) return '';
    // Time-zone formatting is slow and a big show formats the same dates on many pages.
    const key = `${date.getTime()}|${shape}`;
    let text = formatted.get(key);
    if (text === undefined) {
      text = formatInZone(date.getTime(), options.timezone, shape);
      formatted.set(key, text);
    }
    return text;
  });
  hb.registerHelper('timecode', (seconds: unknown) => (typeof seconds === 'number' ? formatTimestamp(seconds) : ''));
  hb.registerHelper('json', (value: unknown, options?: Handlebars.HelperOptions) => {
    const slots = (options?.data as { jsonSlots?: JsonSlots } | undefined)?.jsonSlots;
    return new hb.SafeString((slots && jsonSlot(slots, value)) ?? safeJson(value));
  });
  hb.registerHelper('xml', (value: unknown) => new hb.SafeString(escapeXml(value == null ? '' : String(value))));
  hb.registerHelper('cdata', (value: unknown) => new hb.SafeString(cdata(value == null ? '' : String(value))));
  hb.registerHelper('yaml', (value: unknown) => new hb.SafeString(JSON.stringify(value ?? '')));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('plural', (n: unknown, word: unknown) => `${String(n)} ${String(word)}${n === 1 ? '' : 's'}`);
}

/** JSON that can sit inside `<script>`: `<`, `>`, `&` and line separators become escapes. */
export function safeJson(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null';
  return UNSAFE_IN_SCRIPT.test(json) ? json.replace(UNSAFE_IN_SCRIPT_ALL, (c) => SCRIPT_ESCAPES[c]!) : json;
}

const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/;
const UNSAFE_IN_SCRIPT_ALL = /[<>&\u2028\u2029]/g;
const SCRIPT_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** Escapes text for XML character data and attributes; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A CDATA section; a `]]>` inside is split across two sections so it cannot end the first. */
export function cdata(text: string): string {
  return `<![CDATA[${stripInvalidXmlChars(text).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

function stripInvalidXmlChars(text: string): string {
  // eslint-style control characters are not allowed in XML 1.0, even escaped.
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}
