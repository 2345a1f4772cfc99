/** Problems are data (after vfile-message): collected, never thrown one by one. */
export type Severity = 'error' | 'warning';

/** One problem a user can fix: where it is, which field, what is wrong and what is accepted. */
export interface Diagnostic {
  severity: Severity;
  /** Path as the user knows it, relative to the show folder where possible. */
  file: string;
  line?: number;
  column?: number;
  /** Dotted field path, e.g. `quotes[0].at`. */
  field?: string;
  message: string;
}

/** Prints a diagnostic like a compiler: `episodes/x.md:7:3 error quotes[0].at: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  let where = d.file;
  if (d.line !== undefined) where += `:${d.line}`;
  if (d.line !== undefined && d.column !== undefined) where += `:${d.column}`;
  const field = d.field ? ` ${d.field}:` : '';
  return `${where} ${d.severity}${field} ${d.message}`;
}

/** Orders diagnostics by file, then line, so a report reads top to bottom. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.message.localeCompare(b.message),
  );
}

/** Thrown when a stage finishes with errors; carries every diagnostic of the run. */
export class ShowError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    super(`the show has ${errors} error${errors === 1 ? '' : 's'}`);
    this.name = 'ShowError';
  }
}

/** True when any diagnostic is an error. */
export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

/** "2 errors, 1 warning": the closing line of a report. */
export function summariseDiagnostics(list: readonly Diagnostic[]): string {
  const errors = list.filter((d) => d.severity === 'error').length;
  const warnings = list.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`;
}
