/** An image being fetched and decoded. */
export interface ImageLoad {
  url: string;
  /** Resolves with the decoded image and its natural size; rejects when it cannot be loaded. */
  done: Promise<{ source: CanvasImageSource; width: number; height: number }>;
}

/**
 * Starts fetching and decoding an image. Called while the editor first renders, so a big photo
 * decodes while the rest of the editor is being built, not after.
 *
 * The image becomes an ImageBitmap decoded from the fetched bytes, off the main thread: an <img>
 * is decoded again (at the drawn scale) on the main thread when a software canvas first draws it,
 * which costs ~35 ms for a 3-megapixel photo. When the bytes cannot be fetched (a cross-origin URL
 * without CORS), an <img> is used instead.
 */
export function loadImage(url: string): ImageLoad {
  const done = decodeBitmap(url).catch(() => decodeElement(url));
  // The canvas reports failures; an unobserved rejection must not reach the console first.
  done.catch(() => undefined);
  return { url, done };
}

async function decodeBitmap(url: string): Promise<{ source: CanvasImageSource; width: number; height: number }> {
  if (typeof createImageBitmap !== 'function' || typeof fetch !== 'function') throw new Error('no ImageBitmap');
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${response.status} for ${url}`);
  const bitmap = await createImageBitmap(await response.blob());
  return { source: bitmap, width: bitmap.width, height: bitmap.height };
}

function decodeElement(url: string): Promise<{ source: CanvasImageSource; width: number; height: number }> {
  const img = new Image();
  img.decoding = 'async';
  img.src = url;
  const loaded =
    typeof img.decode === 'function'
      ? img.decode()
      : new Promise<void>((resolve, reject) => {
          img.onload = () => resolve();
          img.onerror = () => reject(new Error(`cannot load ${url}`));
        });
  return loaded.then(() => ({ source: img, width: img.naturalWidth, height: img.naturalHeight }));
}
