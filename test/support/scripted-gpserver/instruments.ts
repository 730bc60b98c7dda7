export const ROUTES = ['service', 'task', 'submitJob', 'execute', 'status', 'result', 'input', 'cancel'] as const;

export type ScriptedRoute = (typeof ROUTES)[number];

/** Requests per route and per job: how many arrived, how many are unanswered now, and the most at once. */
export class Instruments {
  private readonly counts = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();
  private readonly maxInFlight = new Map<string, number>();
  private readonly queries = new Map<ScriptedRoute, URLSearchParams>();

  /** Records the request's arrival; the returned function records its end (call it once). */
  begin(route: ScriptedRoute, jobId: string | undefined, query: URLSearchParams): () => void {
    this.queries.set(route, query);
    const keys = jobId === undefined ? [route] : [route, `${route} ${jobId}`];
    for (const key of keys) {
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      const now = (this.inFlight.get(key) ?? 0) + 1;
      this.inFlight.set(key, now);
      this.maxInFlight.set(key, Math.max(now, this.maxInFlight.get(key) ?? 0));
    }
    return () => {
      for (const key of keys) this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
    };
  }

  count(route: ScriptedRoute, jobId?: string): number {
    return this.counts.get(key(route, jobId)) ?? 0;
  }

  current(route: ScriptedRoute, jobId?: string): number {
    return this.inFlight.get(key(route, jobId)) ?? 0;
  }

  max(route: ScriptedRoute, jobId?: string): number {
    return this.maxInFlight.get(key(route, jobId)) ?? 0;
  }

  lastQuery(route: ScriptedRoute): URLSearchParams | undefined {
    return this.queries.get(route);
  }

  /** Forgets counts, maxima and queries; requests still in flight keep counting as in flight. */
  reset(): void {
    this.counts.clear();
    this.queries.clear();
    this.maxInFlight.clear();
    for (const [k, n] of this.inFlight) this.maxInFlight.set(k, n);
  }
}

const key = (route: ScriptedRoute, jobId: string | undefined): string => (jobId === undefined ? route : `${route} ${jobId}`);
