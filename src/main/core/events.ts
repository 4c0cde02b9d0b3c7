import type { ChangeScope, DataKind, EventMap, EventName } from '../../shared/contract';

export type EventListener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/** Fans push events out to connections: data changes to all, session events to one. */
export class EventHub {
  private readonly listeners = new Map<string, Set<EventListener>>();
  /** Listeners inside the core itself (the stats memo), told of every broadcast first. */
  private readonly coreListeners = new Set<EventListener>();

  /** Hear every broadcast event, independent of any connection. Returns unsubscribe. */
  onBroadcast(listener: EventListener): () => void {
    this.coreListeners.add(listener);
    return () => this.coreListeners.delete(listener);
  }

  subscribe(connectionId: string, listener: EventListener): () => void {
    let set = this.listeners.get(connectionId);
    if (!set) this.listeners.set(connectionId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  drop(connectionId: string): void {
    this.listeners.delete(connectionId);
  }

  broadcast<E extends EventName>(event: E, payload: EventMap[E]): void {
    // Core listeners first: a window refetching on this event must find the memo already cleared.
    for (const listener of this.coreListeners) listener(event, payload);
    for (const set of this.listeners.values()) for (const listener of set) listener(event, payload);
  }

  /**
   * The one way stored-data changes reach the windows (and the stats memo): `data/changed` with
   * the kinds sorted and without repeats; nothing is sent for no kinds. The Dispatcher calls it
   * with a channel's declared `changes` and the `scope` its `scopeOf` reads from the answer;
   * background work that writes calls it with its own kinds and no scope (changed anywhere).
   */
  announce(kinds: Iterable<DataKind>, scope?: ChangeScope): void {
    const tables = [...new Set(kinds)].sort();
    if (tables.length > 0) this.broadcast('data/changed', scope ? { tables, scope } : { tables });
  }

  send<E extends EventName>(connectionId: string, event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners.get(connectionId) ?? []) listener(event, payload);
  }
}
