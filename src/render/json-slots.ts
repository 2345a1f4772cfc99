/**
 * Long strings set aside while a JSON template's output is checked and indented.
 *
 * Why: a feed item's JSON is parsed and written again (`JSON.parse`, `JSON.stringify` with an
 * indent) to check a show's template and lay it out, and most of its text is the notes, written
 * by `{{json content}}`. Parsing and writing them again was, with the helper's own encoding,
 * ~30 % of rendering the bench show's feeds. A string set aside is written in the template's
 * output as a short placeholder, a string of its own, which parsing and writing leave as they
 * found it; the value goes in its place afterwards, encoded as `JSON.stringify` would have
 * written it in the indented document. The result is the same text, character for character.
 */

/** Strings shorter than this are cheaper to parse again than to set aside. */
const SHORTEST = 64;

/** The mark around a slot's number; no string set aside holds it (see `jsonSlot`). */
const MARK = '\u0001';
/** How `JSON.stringify` writes the mark. */
const WRITTEN_MARK = '\\u0001';

/** Where a template's `{{json}}` sets its long strings aside; given to the render as `@jsonSlots`. */
export type JsonSlots = string[];

/**
 * The JSON of `value` as the template's output should hold it: a placeholder for a long string
 * (set aside in `slots`), or undefined when the value is written as it is.
 */
export function jsonSlot(slots: JsonSlots, value: unknown): string | undefined {
  // A string that holds the mark itself is not set aside, so every mark in the document is a
  // slot's or a string's the template wrote as it is (which `fillJsonSlots` then refuses).
  if (typeof value !== 'string' || value.length < SHORTEST || value.includes(MARK)) return undefined;
  slots.push(value);
  return `"${WRITTEN_MARK}${slots.length - 1}${WRITTEN_MARK}"`;
}

/**
 * `text` (the output parsed and written again) with every slot's string in place of its
 * placeholder; undefined when the placeholders are not exactly one each, as written: the
 * template then did something with a value other than write it, and is rendered again
 * without slots.
 */
export function fillJsonSlots(text: string, slots: JsonSlots): string | undefined {
  const parts: string[] = [];
  const seen = new Array<boolean>(slots.length).fill(false);
  let from = 0;
  for (let at = text.indexOf(WRITTEN_MARK); at !== -1; at = text.indexOf(WRITTEN_MARK, from)) {
    const end = text.indexOf(`${WRITTEN_MARK}"`, at + WRITTEN_MARK.length);
    if (text[at - 1] !== '"' || end === -1) return undefined;
    const digits = text.slice(at + WRITTEN_MARK.length, end);
    const slot = /^(?:0|[1-9]\d*)$/.test(digits) ? Number(digits) : -1;
    if (!(slot >= 0 && slot < slots.length) || seen[slot]) return undefined;
    seen[slot] = true;
    parts.push(text.slice(from, at - 1), JSON.stringify(slots[slot]));
    from = end + WRITTEN_MARK.length + 1;
  }
  if (seen.includes(false)) return undefined;
  parts.push(text.slice(from));
  return parts.join('');
}
