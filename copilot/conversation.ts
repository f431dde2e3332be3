import { randomUUID } from 'node:crypto';

/** What a conversation remembers between questions: the last things it talked about, for "he", "it", "them". */
export interface Memory {
  identityId?: string;
  entitlementId?: string;
  groupId?: string;
  /** The last question and its form, for "and why?" style follow-ups. */
  lastIntent?: string;
  turns: number;
}

const MAX_CONVERSATIONS = 1000;
const IDLE_MS = 60 * 60_000;

/** Conversations kept in memory (per process, for an hour idle, at most 1000): a chat page, not an archive. */
export class ConversationStore {
  private readonly items = new Map<string, { memory: Memory; owner: string; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * The conversation's memory, or a fresh one. A conversation belongs to the client that started it: an id
   * from another client starts a new conversation rather than reading someone else's context.
   */
  open(id: string | null | undefined, owner: string): { id: string; memory: Memory } {
    const at = this.now();
    for (const [k, v] of this.items) if (at - v.at > IDLE_MS) this.items.delete(k);
    const hit = id ? this.items.get(id) : undefined;
    if (id && hit && hit.owner === owner) {
      hit.at = at;
      this.items.delete(id);
      this.items.set(id, hit);
      return { id, memory: hit.memory };
    }
    const fresh = { memory: { turns: 0 }, owner, at };
    const newId = randomUUID();
    this.items.set(newId, fresh);
    while (this.items.size > MAX_CONVERSATIONS) this.items.delete(this.items.keys().next().value!);
    return { id: newId, memory: fresh.memory };
  }
}
