/**
 * Thrown by a processor whose job should run again later without counting as a failure (a
 * delivery that is not due yet, rate-limited, or held by another attempt's lease). The runtime moves
 * the job to delayed under the same id, so enqueueing the row again still collapses onto it.
 */
export class DeferJob extends Error {
  constructor(
    readonly until: Date,
    readonly why: string,
  ) {
    super(`deferred until ${until.toISOString()} (${why})`);
    this.name = "DeferJob";
  }
}
