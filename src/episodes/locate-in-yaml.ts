import { isMap, isPair, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';

/** A path into parsed YAML, as zod reports it: keys and list indexes. */
export type YamlPath = readonly (string | number)[];

export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * Finds where a field is written, so a message can point at the offending key's line.
 * A missing field points at the closest parent that exists.
 */
export function locateInYaml(
  doc: Document,
  lines: LineCounter,
  path: YamlPath,
  lineOffset = 0,
): SourcePosition | undefined {
  let node: unknown = doc.contents;
  let best: Node | undefined = isNode(node) ? node : undefined;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      // The key's line is what the user looks for; values may start on the next line.
      if (isNode(pair.key)) best = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step];
      if (!isNode(item)) break;
      best = item;
      node = item;
    } else {
      break;
    }
  }
  const offset = best?.range?.[0];
  if (offset === undefined) return undefined;
  const pos = lines.linePos(offset);
  return { line: pos.line + lineOffset, column: pos.col };
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}
