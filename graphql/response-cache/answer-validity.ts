/**
 * How long one request's answer stays the answer, as its time-dependent resolvers report it. The
 * response cache (graphql/response-cache/) keeps an answer only when every time-dependent field the
 * document selects has reported here (cache-policy.ts names them): a field that forgets to report
 * leaves its answer uncached, never served after it changed.
 */
export class AnswerValidity {
  private earliest: string | null = null;
  private refused = false;
  private readonly reported = new Set<string>();

  /** `field` (as `Type.field`) answers the same at any instant before `until` (null: no expiry in it). */
  until(field: string, until: string | null): void {
    this.reported.add(field);
    if (until !== null && (this.earliest === null || until < this.earliest)) this.earliest = until;
  }

  /** `field` answered something that moves with time in a way not tracked here: keep nothing. */
  refuse(field: string): void {
    this.reported.add(field);
    this.refused = true;
  }

  /** null: not reusable; else the instant the answer stops being valid (null inside: never by time). */
  window(timedFields: readonly string[]): { until: string | null } | null {
    if (this.refused || timedFields.some((f) => !this.reported.has(f))) return null;
    return { until: this.earliest };
  }
}
