import { describe, expect, it } from 'vitest';
import { fillJsonSlots, jsonSlot, type JsonSlots } from '../../src/render/json-slots.ts';
import { safeJson } from '../../src/render/helpers.ts';

/** What a JSON template's output became before slots: parsed and written again, indented. */
const reformatted = (text: string) => JSON.stringify(JSON.parse(text), null, 2);

/** The same output with long strings set aside, then filled in. */
function viaSlots(build: (json: (value: unknown) => string) => string): string | undefined {
  const slots: JsonSlots = [];
  return fillJsonSlots(reformatted(build((value) => jsonSlot(slots, value) ?? safeJson(value))), slots);
}

const long = (text: string) => text.repeat(Math.ceil(80 / text.length));

const strings = [
  long('<p>“Curly” quotes, & ampersands, </script> and a ]]> too</p>\n'),
  long('back\\slash "quoted" \t tab \r\n line \u2028 \u2029 separators '),
  long('control \u0000 \u0002 \u001f \u007f characters '),
  long('lone \ud800 high, lone \udc00 low, pair 🎙 '),
  long('plain ascii '),
  'short, not set aside',
  '',
];

describe('long strings set aside while a JSON template is checked', () => {
  it.each(strings.map((s) => [s.slice(0, 24), s]))('gives the text the reformatting gave for %j', (_, value) => {
    const build = (json: (value: unknown) => string) =>
      `{ "a": ${json(value)}, "list": [${json(value)}, ${json(3)}], "nested": { "b": ${json(value)}, "c": ${json(['x', value])} } }`;
    expect(viaSlots(build)).toBe(reformatted(build(safeJson)));
  });

  it('sets aside only strings of 64 characters or more that do not hold the mark', () => {
    const slots: JsonSlots = [];
    expect(jsonSlot(slots, 'x'.repeat(63))).toBeUndefined();
    expect(jsonSlot(slots, ['x'.repeat(100)])).toBeUndefined();
    expect(jsonSlot(slots, `${'x'.repeat(100)}\u0001`)).toBeUndefined();
    expect(jsonSlot(slots, 'x'.repeat(64))).toBe('"\\u00010\\u0001"');
    expect(slots).toEqual(['x'.repeat(64)]);
  });

  it('refuses a document whose placeholders are not one each, as written', () => {
    const slots = ['a'.repeat(70), 'b'.repeat(70)];
    const one = '"\\u00010\\u0001"';
    const two = '"\\u00011\\u0001"';
    expect(fillJsonSlots(`[${one}, ${two}]`, slots)).toBe(`["${'a'.repeat(70)}", "${'b'.repeat(70)}"]`);
    // A slot missing, a slot twice, a slot that does not exist.
    expect(fillJsonSlots(`[${one}]`, slots)).toBeUndefined();
    expect(fillJsonSlots(`[${one}, ${one}, ${two}]`, slots)).toBeUndefined();
    expect(fillJsonSlots(`[${one}, ${two}, "\\u00012\\u0001"]`, slots)).toBeUndefined();
    // A short string of the template's own that holds the mark, alone or looking like a slot.
    expect(fillJsonSlots(`[${one}, ${two}, "\\u0001"]`, slots)).toBeUndefined();
    expect(fillJsonSlots(`[${one}, "x\\u00011\\u0001"]`, slots)).toBeUndefined();
    // The mark's text written as text (a backslash before it), not as the mark.
    expect(fillJsonSlots(`[${one}, ${two}, "\\\\u0001"]`, slots)).toBeUndefined();
  });
});
