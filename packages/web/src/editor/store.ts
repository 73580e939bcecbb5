/** A plain observable value: the editor's state lives here, outside React. */
export interface Store<T> {
  get(): T;
  /** Replaces the value with `next` (or `next(current)`) and tells subscribers when it changed. */
  set(next: T | ((current: T) => T)): void;
  /** Calls `listener(next, previous)` after every change; returns the unsubscribe function. */
  subscribe(listener: (next: T, previous: T) => void): () => void;
}

/** Creates a store holding `initial`. */
export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<(next: T, previous: T) => void>();
  return {
    get: () => value,
    set(next) {
      const previous = value;
      value = typeof next === 'function' ? (next as (current: T) => T)(value) : next;
      if (Object.is(value, previous)) return;
      for (const listener of [...listeners]) listener(value, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
