import type SharpModule from 'sharp';

// sharp (with libvips) costs ~28 MB of memory once loaded: load it on the first image, not at start-up.
let loading: Promise<typeof SharpModule> | undefined;

/** The sharp function, loaded on first use. */
export function loadSharp(): Promise<typeof SharpModule> {
  loading ??= import('sharp').then((m) => m.default);
  return loading;
}
