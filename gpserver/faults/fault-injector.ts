import type { FaultAction } from '../../gp-rest/vocabulary.js';
import type { Route, RouteKind } from '../http/route.js';

export interface FaultRule {
  readonly action: FaultAction;
  /** Route kinds the rule applies to; all routes when absent. */
  readonly routes?: readonly RouteKind[];
  /** Only requests about this job. */
  readonly jobId?: string;
  /** Fire only at the Nth matching request (1-based), counted per job for job routes. */
  readonly nth?: number;
  /** Fire at most this many times. */
  readonly times?: number;
}

export interface InjectedFault {
  /** How many requests the rule has changed so far. */
  readonly fired: number;
  remove(): void;
}

interface ActiveRule {
  readonly rule: FaultRule;
  /** Matching requests so far, per job id ('' for routes without one); kept only for `nth` rules. */
  readonly seen: Map<string, number>;
  fired: number;
}

function jobIdOf(route: Route): string | undefined {
  return 'jobId' in route ? route.jobId : undefined;
}

/**
 * Faults for tests, applied by the request handler before routing. Nothing is injected
 * unless a test asks: a fresh server has no rules. A rule that has fired its `times` is dropped, and
 * a forgotten job's counts with it, so a long run that injects faults again and again (`npm run soak`)
 * holds only the rules still live: a 10-minute soak kept ~19,000 counts in each spent rule.
 */
export class FaultInjector {
  private readonly rules = new Set<ActiveRule>();

  inject(rule: FaultRule): InjectedFault {
    const active: ActiveRule = { rule, seen: new Map(), fired: 0 };
    this.rules.add(active);
    return {
      get fired() {
        return active.fired;
      },
      remove: () => this.rules.delete(active),
    };
  }

  /** Rules not yet spent. */
  get activeRules(): number {
    return this.rules.size;
  }

  clear(): void {
    this.rules.clear();
  }

  /** Drops a forgotten job's request counts. */
  forgetJob(jobId: string): void {
    for (const active of this.rules) active.seen.delete(jobId);
  }

  /** The actions that apply to one request: every matching latency, then at most one terminal fault. */
  match(route: Route): FaultAction[] {
    const actions: FaultAction[] = [];
    let terminal: FaultAction | undefined;
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.routes && !rule.routes.includes(route.kind)) continue;
      const jobId = jobIdOf(route);
      if (rule.jobId !== undefined && rule.jobId !== jobId) continue;
      if (rule.nth !== undefined) {
        const key = jobId ?? '';
        const count = (active.seen.get(key) ?? 0) + 1;
        active.seen.set(key, count);
        if (rule.nth !== count) continue;
      }
      if (rule.action.kind !== 'latency' && terminal) continue;
      active.fired++;
      if (rule.times !== undefined && active.fired >= rule.times) this.rules.delete(active);
      if (rule.action.kind === 'latency') actions.push(rule.action);
      else terminal = rule.action;
    }
    if (terminal) actions.push(terminal);
    return actions;
  }
}
