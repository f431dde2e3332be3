/**
 * Id scheme: `scim:<system>:<type>/<value>`. A SCIM User is both the person and their account
 * (ids are unique per entity type, so both carry the same id); a Group's membership entitlement
 * carries its group's id. Roles and entitlements are keyed by their value, which a provider
 * shares across users, so one entitlement node collects every holder.
 */
export class ScimIds {
  readonly systemId: string;

  constructor(readonly system: string) {
    this.systemId = `scim:${system}`;
  }

  user(id: string): string {
    return `${this.systemId}:user/${id}`;
  }

  group(id: string): string {
    return `${this.systemId}:group/${id}`;
  }

  entitlement(value: string): string {
    return `${this.systemId}:entitlement/${value}`;
  }

  role(value: string): string {
    return `${this.systemId}:role/${value}`;
  }
}

/** Counts repeated warnings so a run with 10,000 users gets one note per kind, not 10,000. */
export class Tally {
  private readonly counts = new Map<string, number>();

  add(message: string): void {
    this.counts.set(message, (this.counts.get(message) ?? 0) + 1);
  }

  notes(): string[] {
    return [...this.counts].map(([message, n]) => (n > 1 ? `${message} (${n} times)` : message));
  }
}
