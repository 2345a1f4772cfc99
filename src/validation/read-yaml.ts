import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../diagnostics.ts';
import type { YamlSource } from './zod-diagnostics.ts';

/**
 * Parses YAML keeping positions, so every later message can name a line. YAML 1.2 core
 * schema: `2020-10-14` and `42:10` stay text (YAML 1.1 would turn them into a date and a
 * base-60 number), and our own parsers give them meaning with clear messages.
 */
export function readYaml(text: string, file: string, lineOffset = 0): { source: YamlSource; errors: Diagnostic[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const errors: Diagnostic[] = doc.errors.map((e) => {
    const pos = e.linePos?.[0];
    // The parser notices an unclosed quote only where the text ends; the user needs the
    // line where the quote was opened.
    const opened = e.code === 'MISSING_CHAR' ? lineOfUnclosedQuote(text) : undefined;
    return {
      severity: 'error',
      file,
      line: (opened?.line ?? pos?.line ?? 1) + lineOffset,
      column: opened?.column ?? pos?.col ?? 1,
      message: `YAML syntax error: ${firstLine(e.message)}${opened ? ' (opened here, never closed)' : ''}`,
    };
  });
  const data = errors.length ? undefined : doc.toJS({ maxAliasCount: 100 });
  return { source: { file, doc, lines, lineOffset, data }, errors };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** The first line whose double or single quotes do not balance, ignoring comments. */
function lineOfUnclosedQuote(text: string): { line: number; column: number } | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const value = line.replace(/^\s*(- )?[^:"']*:\s*/, '');
    for (const mark of ['"', "'"]) {
      const start = value.indexOf(mark);
      if (start !== 0) continue;
      const body = value.slice(1).replace(mark === '"' ? /\\./g : /''/g, '');
      if (!body.includes(mark)) return { line: i + 1, column: line.length - value.length + 1 };
    }
  }
  return undefined;
}
