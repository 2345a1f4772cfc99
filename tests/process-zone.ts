/** Runs `work` with the process's clock in `zone` (Node reads `TZ` again when it is set), then puts it back. */
export function inProcessZone<T>(zone: string, work: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return work();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}
