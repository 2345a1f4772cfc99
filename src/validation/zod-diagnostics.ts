import { z } from 'zod';
import type { Document, LineCounter } from 'yaml';
import type { Diagnostic } from '../diagnostics.ts';
import { locateInYaml, type YamlPath } from '../episodes/locate-in-yaml.ts';
import { describeValue } from './describe-value.ts';
import { suggest } from './suggest.ts';

/** The YAML a schema was checked against, so messages can point at lines and quote values. */
export interface YamlSource {
  file: string;
  doc: Document;
  lines: LineCounter;
  /** Lines before the YAML starts in the file (the `---` of front matter). */
  lineOffset: number;
  /** The plain data that was validated. */
  data: unknown;
}

/** `quotes[0].at` from `['quotes', 0, 'at']`. */
export function fieldName(path: YamlPath): string {
  let out = '';
  for (const step of path) out += typeof step === 'number' ? `[${step}]` : out ? `.${step}` : step;
  return out;
}

/** Turns zod's issues into diagnostics that name the line, the field, the bad value and what is accepted. */
export function zodDiagnostics(issues: readonly z.core.$ZodIssue[], schema: z.ZodType, source: YamlSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, path);
      for (const key of issue.keys) {
        const hint = suggest(key, known);
        out.push(at(source, [...path, key], hint ? `unknown key; did you mean "${hint}"?` : `unknown key (accepted here: ${known.join(', ')})`));
      }
      continue;
    }
    out.push(at(source, path, describeIssue(issue, valueAt(source.data, path))));
  }
  return out;
}

/** A diagnostic at a YAML path. */
export function at(source: YamlSource, path: YamlPath, message: string, severity: Diagnostic['severity'] = 'error'): Diagnostic {
  const pos = locateInYaml(source.doc, source.lines, path, source.lineOffset);
  return {
    severity,
    file: source.file,
    line: pos?.line ?? source.lineOffset,
    column: pos?.column ?? 1,
    field: fieldName(path),
    message,
  };
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'missing required field';
      return `expected ${article(issue.expected)}, got ${describeValue(value)}`;
    case 'invalid_value':
      return `${describeValue(value)} is not accepted (one of: ${issue.values.map(String).join(', ')})`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') return `needs at least ${String(issue.minimum)} entr${issue.minimum === 1 ? 'y' : 'ies'}`;
      return `${describeValue(value)} is too small (at least ${issue.inclusive ? '' : 'more than '}${String(issue.minimum)})`;
    case 'too_big':
      return `${describeValue(value)} is too large (at most ${String(issue.maximum)})`;
    case 'invalid_format':
      return `${describeValue(value)} ${issue.message}`;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  const names: Record<string, string> = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a map of keys',
  };
  return names[expected] ?? expected;
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let node = data;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

/** The keys an object schema accepts at a path, for "did you mean". */
function knownKeys(schema: z.ZodType, path: YamlPath): string[] {
  let node: z.ZodType | undefined = schema;
  for (const step of path) {
    node = unwrap(node);
    if (node instanceof z.ZodObject) node = (node.shape as Record<string, z.ZodType>)[String(step)];
    else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
    else return [];
  }
  node = unwrap(node);
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

function unwrap(node: z.ZodType | undefined): z.ZodType | undefined {
  let current = node;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      // z.preprocess: the schema that checks the value is the pipe's output side.
      current = current.out as z.ZodType;
    } else if (current instanceof z.ZodUnion) {
      current = (current.options as z.ZodType[]).find((o) => unwrap(o) instanceof z.ZodObject) ?? (current.options[0] as z.ZodType | undefined);
      if (current instanceof z.ZodObject) return current;
    } else {
      return current;
    }
  }
}
