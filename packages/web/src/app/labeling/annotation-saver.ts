import { ApiError, type ApiClient } from '../api/api-client.js';
import type { Annotation, ResultItem } from '../api/api-types.js';
import type { DraftStore, LocalDraft } from './draft-store.js';

export type SaveStatus = 'clean' | 'dirty' | 'saving' | 'saved' | 'offline' | 'error' | 'conflict';

export interface SaverState {
  status: SaveStatus;
  /** The last failure in words (validation message, HTTP status…). */
  error: string | null;
  /** Set on a 409: the server holds a newer version than the one edited here. */
  conflict: { serverVersion: number | null } | null;
  annotationId: number | null;
  version: number | null;
  /** The server holds a submitted (not draft) version of this annotation. */
  submitted: boolean;
}

export interface SaverOptions {
  api: ApiClient;
  store: DraftStore;
  userId: number;
  taskId: number;
  /** The caller's annotation of the task on the server, if any. */
  server: Pick<Annotation, 'id' | 'version' | 'draft' | 'result'> | null;
  /** The local copy, if the browser kept one (restored by the caller). */
  local?: LocalDraft;
  autosaveMs?: number;
  retryMs?: number;
  newKey?: () => string;
  timers?: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
}

const defaultTimers = { set: (fn: () => void, ms: number) => setTimeout(fn, ms), clear: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) };

/**
 * Keeps one task's annotation safe. Every change goes to IndexedDB at once and to the server as a draft
 * after a few seconds (or on flush); submit sends the final version. Saves run one at a time; each carries
 * an idempotency key that is reused when the same save is retried, so a save whose answer was lost never
 * duplicates. A failed save keeps the work dirty and says why; offline saves wait for the network; a
 * stale version stops and asks (keep mine / take the server's) — never a silent overwrite.
 */
export class AnnotationSaver {
  private state: SaverState;
  private result: ResultItem[];
  private revision = 0;
  private savedRevision = 0;
  private leadTime = 0;
  private pendingKey: { revision: number; submit: boolean; key: string } | null = null;
  private timer: unknown = null;
  private inFlight: Promise<void> | null = null;
  private readonly listeners = new Set<(s: SaverState) => void>();
  private readonly timers: NonNullable<SaverOptions['timers']>;
  private serverIsDraft: boolean;
  /** submit() was called and the server has not acknowledged it yet (kept across reloads). */
  private submitPending = false;
  private disposed = false;

  constructor(private readonly opts: SaverOptions) {
    this.timers = opts.timers ?? defaultTimers;
    const { server, local } = opts;
    this.serverIsDraft = server ? server.draft : true;
    this.result = local?.dirty ? local.result : (server?.result ?? local?.result ?? []);
    const conflict = local?.dirty && server && local.baseVersion !== null && server.version > local.baseVersion ? { serverVersion: server.version } : null;
    this.state = {
      status: conflict ? 'conflict' : local?.dirty ? 'dirty' : 'clean',
      error: null,
      conflict,
      annotationId: server?.id ?? local?.annotationId ?? null,
      version: local?.dirty && local.baseVersion !== null ? local.baseVersion : (server?.version ?? null),
      submitted: server ? !server.draft : false,
    };
    if (local?.dirty) {
      this.revision = 1;
      this.submitPending = local.submitted;
      this.leadTime = local.leadTime;
      if (local.pendingKey) this.pendingKey = { revision: 1, submit: local.submitted, key: local.pendingKey };
    }
  }

  /** The result to show in the editor (the restored local work when there was any). */
  get initialResult(): ResultItem[] {
    return this.result;
  }

  getState(): SaverState {
    return this.state;
  }

  subscribe(listener: (s: SaverState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The editor changed the result: keep it locally now, save it to the server soon. */
  change(result: ResultItem[], leadTime?: number): void {
    this.result = result;
    this.revision++;
    if (leadTime !== undefined) this.leadTime = leadTime;
    if (this.state.status !== 'conflict') this.set({ status: 'dirty', error: null });
    void this.persistLocal();
    this.schedule(this.opts.autosaveMs ?? 3000);
  }

  /** Saves now (on blur, before leaving); resolves when the save finished or failed. */
  async flush(): Promise<void> {
    if (this.revision === this.savedRevision && !this.needsSubmit()) return;
    await this.saveNow();
  }

  /** Submits the annotation. Resolves 'sent' once the server has it, 'queued' when it waits for the network. */
  async submit(leadTime: number): Promise<'sent' | 'queued' | 'failed'> {
    this.leadTime = leadTime;
    this.submitPending = true;
    this.revision++;
    await this.persistLocal();
    await this.saveNow();
    if (this.revision === this.savedRevision && !this.needsSubmit()) return 'sent';
    return this.state.status === 'offline' ? 'queued' : 'failed';
  }

  /** Answers a conflict: keep this browser's work (saved over the server's version) or take the server's. */
  async resolveConflict(choice: 'mine' | 'server'): Promise<ResultItem[] | null> {
    const id = this.state.annotationId;
    if (choice === 'server') {
      if (id === null) return null;
      const server = await this.opts.api.get<Annotation>(`/api/annotations/${id}`);
      this.result = server.result;
      this.serverIsDraft = server.draft;
      this.savedRevision = ++this.revision;
      this.submitPending = false;
      this.set({ status: 'saved', conflict: null, version: server.version, error: null, submitted: !server.draft });
      await this.persistLocal();
      return server.result;
    }
    const serverVersion = this.state.conflict?.serverVersion;
    if (serverVersion === null || serverVersion === undefined) {
      const server = id === null ? null : await this.opts.api.get<Annotation>(`/api/annotations/${id}`);
      this.set({ version: server?.version ?? null });
    } else {
      this.set({ version: serverVersion });
    }
    this.set({ conflict: null, status: 'dirty' });
    this.pendingKey = null;
    await this.saveNow();
    return null;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) this.timers.clear(this.timer);
    this.listeners.clear();
  }

  private needsSubmit(): boolean {
    return this.submitPending;
  }

  private schedule(ms: number): void {
    if (this.disposed) return;
    if (this.timer) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.saveNow();
    }, ms);
  }

  private async saveNow(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    if (this.state.status === 'conflict') return;
    if (this.revision === this.savedRevision && !this.needsSubmit()) return;
    // An annotation already submitted is only changed on an explicit submit (update), never by autosave.
    if (!this.submitPending && !this.serverIsDraft) return;
    this.inFlight = this.saveOnce().finally(() => (this.inFlight = null));
    await this.inFlight;
  }

  private async saveOnce(): Promise<void> {
    const revision = this.revision;
    const submit = this.submitPending;
    const key = this.pendingKey && this.pendingKey.revision === revision && this.pendingKey.submit === submit ? this.pendingKey.key : (this.opts.newKey ?? (() => crypto.randomUUID()))();
    this.pendingKey = { revision, submit, key };
    await this.persistLocal();
    this.set({ status: 'saving' });
    const headers = { 'idempotency-key': key };
    const body = { result: this.result, leadTime: Math.min(this.leadTime, 86_400 * 30), ...(submit || this.serverIsDraft ? { draft: !submit } : {}) };
    try {
      if (this.state.annotationId === null) {
        const created = await this.opts.api.post<{ id: number; version: number }>(`/api/tasks/${this.opts.taskId}/annotations`, body, { headers });
        this.set({ annotationId: created.id, version: created.version });
      } else {
        const updated = await this.opts.api.patch<{ version: number }>(`/api/annotations/${this.state.annotationId}`, { ...body, version: this.state.version ?? 1 }, { headers });
        this.set({ version: updated.version });
      }
      if (submit) {
        this.serverIsDraft = false;
        this.submitPending = false;
        this.set({ submitted: true });
      }
      this.savedRevision = revision;
      this.pendingKey = null;
      const clean = this.revision === this.savedRevision;
      this.set({ status: clean ? 'saved' : 'dirty', error: null });
      await this.persistLocal();
      if (!clean) this.schedule(this.opts.autosaveMs ?? 3000);
    } catch (err) {
      this.onSaveError(err);
    }
  }

  private onSaveError(err: unknown): void {
    if (err instanceof ApiError && err.isNetwork) {
      this.set({ status: 'offline', error: err.message });
      this.schedule(this.opts.retryMs ?? 5000);
      return;
    }
    if (err instanceof ApiError && err.status === 409) {
      const serverVersion = typeof err.extra.currentVersion === 'number' ? err.extra.currentVersion : null;
      if (err.code === 'LAOSHI_ANNOTATION_EXISTS' && typeof err.extra.annotationId === 'number') this.set({ annotationId: err.extra.annotationId });
      if (err.code === 'LAOSHI_IDEMPOTENCY_KEY_REUSED') {
        this.pendingKey = null;
        this.set({ status: 'error', error: err.message });
        return;
      }
      this.set({ status: 'conflict', conflict: { serverVersion }, error: err.message });
      return;
    }
    if (err instanceof ApiError && err.status >= 500) {
      this.set({ status: 'error', error: err.message });
      this.schedule(this.opts.retryMs ?? 5000);
      return;
    }
    // 4xx: the server refused this content (e.g. an invalid result): keep it dirty and say why.
    this.set({ status: 'error', error: err instanceof Error ? err.message : String(err) });
  }

  private async persistLocal(): Promise<void> {
    const dirty = this.revision !== this.savedRevision || this.needsSubmit();
    const draft: LocalDraft = {
      key: `${this.opts.userId}:${this.opts.taskId}`,
      userId: this.opts.userId,
      taskId: this.opts.taskId,
      result: this.result,
      annotationId: this.state.annotationId,
      baseVersion: this.state.version,
      dirty,
      submitted: this.submitPending,
      leadTime: this.leadTime,
      pendingKey: this.pendingKey?.key ?? null,
      updatedAt: Date.now(),
    };
    try {
      await this.opts.store.put(draft);
    } catch {
      // IndexedDB full or unavailable: the server copy is then the only one; the status still shows dirty.
    }
  }

  private set(patch: Partial<SaverState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }
}
