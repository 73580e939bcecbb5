// A worker that fetches an image and decodes it into an ImageBitmap, handed to the page without a
// copy. Off the main thread, the bytes arrive and decode while the page is busy starting up or
// while the annotator works on the task before (a prefetch), instead of waiting for its idle time.

/** Asks the worker for `url` (absolute); `id` pairs the answer with the question. */
export interface DecodeRequest {
  id: number;
  url: string;
}

export type DecodeAnswer = { id: number; bitmap: ImageBitmap } | { id: number; error: string };

/** What the worker says: that it runs (once, first), then an answer per request. */
export type WorkerMessage = { running: true } | DecodeAnswer;

interface WorkerScope {
  onmessage: ((event: MessageEvent<DecodeRequest>) => void) | null;
  postMessage(message: WorkerMessage, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
scope.postMessage({ running: true });

scope.onmessage = (event) => {
  const { id, url } = event.data;
  decode(url).then(
    (bitmap) => scope.postMessage({ id, bitmap }, [bitmap]),
    (error: unknown) => scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
};

async function decode(url: string): Promise<ImageBitmap> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${response.status} for ${url}`);
  return createImageBitmap(await response.blob());
}
