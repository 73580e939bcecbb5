import { openDB, type IDBPDatabase } from 'idb';
import type { ResultItem } from '../api/api-types.js';

/** What the browser keeps of one task's work, so a closed tab or a lost network loses nothing. */
export interface LocalDraft {
  /** `${userId}:${taskId}` */
  key: string;
  userId: number;
  taskId: number;
  result: ResultItem[];
  /** The server annotation this work continues, and the version it was based on. */
  annotationId: number | null;
  baseVersion: number | null;
  /** Changes not yet acknowledged by the server. */
  dirty: boolean;
  /** The user pressed submit; the final save may still be waiting for the network. */
  submitted: boolean;
  leadTime: number;
  /** Idempotency key of the save in flight, reused on retry so a lost answer never duplicates. */
  pendingKey: string | null;
  updatedAt: number;
}

export interface DraftStore {
  get(userId: number, taskId: number): Promise<LocalDraft | undefined>;
  put(draft: LocalDraft): Promise<void>;
  delete(userId: number, taskId: number): Promise<void>;
  /** Everything of this user still waiting for the server. */
  pending(userId: number): Promise<LocalDraft[]>;
}

const DB_NAME = 'laoshi';
const STORE = 'drafts';

/** IndexedDB-backed draft store (one database per origin, one record per user and task). */
export async function openDraftStore(): Promise<DraftStore> {
  const db: IDBPDatabase = await openDB(DB_NAME, 1, {
    upgrade(d) {
      const store = d.createObjectStore(STORE, { keyPath: 'key' });
      store.createIndex('byUser', 'userId');
    },
  });
  return {
    get: (userId, taskId) => db.get(STORE, `${userId}:${taskId}`) as Promise<LocalDraft | undefined>,
    put: async (draft) => {
      await db.put(STORE, draft);
    },
    delete: (userId, taskId) => db.delete(STORE, `${userId}:${taskId}`),
    pending: async (userId) => ((await db.getAllFromIndex(STORE, 'byUser', userId)) as LocalDraft[]).filter((d) => d.dirty),
  };
}

/** A store in memory, for browsers without IndexedDB (private windows of some browsers) and for tests. */
export function memoryDraftStore(): DraftStore {
  const map = new Map<string, LocalDraft>();
  return {
    get: async (u, t) => structuredClone(map.get(`${u}:${t}`)),
    put: async (d) => void map.set(d.key, structuredClone(d)),
    delete: async (u, t) => void map.delete(`${u}:${t}`),
    pending: async (u) => [...map.values()].filter((d) => d.userId === u && d.dirty).map((d) => structuredClone(d)),
  };
}

/**
 * A store usable at once that waits for `opening` on first use, so the app need not wait for
 * IndexedDB to open before it renders and asks the server who is signed in.
 */
export function deferredDraftStore(opening: Promise<DraftStore>): DraftStore {
  return {
    get: async (userId, taskId) => (await opening).get(userId, taskId),
    put: async (draft) => (await opening).put(draft),
    delete: async (userId, taskId) => (await opening).delete(userId, taskId),
    pending: async (userId) => (await opening).pending(userId),
  };
}
