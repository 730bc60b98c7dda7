import type { Route, RouteKind } from './route.js';

/** Requests served, by route kind and by job: tests count upstream requests with it. */
export class RequestCounter {
  private readonly byKind = new Map<RouteKind, number>();
  private readonly byJob = new Map<string, Map<RouteKind, number>>();

  record(route: Route): void {
    this.byKind.set(route.kind, (this.byKind.get(route.kind) ?? 0) + 1);
    if ('jobId' in route) {
      const counts = this.byJob.get(route.jobId) ?? new Map<RouteKind, number>();
      counts.set(route.kind, (counts.get(route.kind) ?? 0) + 1);
      this.byJob.set(route.jobId, counts);
    }
  }

  count(kind: RouteKind, jobId?: string): number {
    const counts = jobId === undefined ? this.byKind : this.byJob.get(jobId);
    return counts?.get(kind) ?? 0;
  }

  total(): number {
    let sum = 0;
    for (const n of this.byKind.values()) sum += n;
    return sum;
  }

  /** A job the server has forgotten: its counts go too (a long-running server would grow with every job). */
  forgetJob(jobId: string): void {
    this.byJob.delete(jobId);
  }

  reset(): void {
    this.byKind.clear();
    this.byJob.clear();
  }
}
