/**
 * One string per distinct id. Every row a store returns, and every record a file yields, carries
 * its own copy of each id; at L the 3M membership and grant edges name 320k accounts and groups, so
 * keeping the copies costs several hundred MB where the distinct ids take about 15.
 */
export class Interner {
  private readonly held = new Map<string, string>();

  of(value: string): string {
    const held = this.held.get(value);
    if (held !== undefined) return held;
    this.held.set(value, value);
    return value;
  }
}
