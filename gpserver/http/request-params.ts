/**
 * Query and form fields of one request. ArcGIS Server matches operation parameters
 * (`f`, `token`, `returnMessages`, `env:outSR`, task parameters…) case-insensitively,
 * so lookups try the exact name first and then any casing.
 */
export class RequestParams {
  private readonly exact = new Map<string, string>();
  private readonly folded = new Map<string, string>();

  constructor(entries: Iterable<readonly [string, string]>) {
    for (const [name, value] of entries) {
      // The last occurrence wins, as with URLSearchParams-based servers.
      this.exact.set(name, value);
      this.folded.set(name.toLowerCase(), value);
    }
  }

  get(name: string): string | undefined {
    return this.exact.get(name) ?? this.folded.get(name.toLowerCase());
  }

  /** A boolean flag such as `returnZ`: absent → the fallback; anything but "true" is false. */
  flag(name: string, fallback: boolean): boolean {
    const raw = this.get(name);
    if (raw === undefined || raw === '') return fallback;
    return raw.toLowerCase() === 'true';
  }

  entries(): ReadonlyMap<string, string> {
    return this.exact;
  }
}
