/** Why a tool run was aborted: the pool treats the two differently (see WorkerPool graceMs). */
export class RunCancelled extends Error {
  override readonly name = 'RunCancelled';
  constructor() {
    super('Cancelled by request.');
  }
}

export class RunTimedOut extends Error {
  override readonly name = 'RunTimedOut';
  constructor(limitMs: number) {
    super(`The tool exceeded the maximum run time of ${limitMs / 1000} seconds.`);
  }
}
