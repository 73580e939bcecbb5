import { useSyncExternalStore } from 'react';
import type { AnnotationSaver, SaverState } from './annotation-saver.js';

const IDLE: SaverState = { status: 'clean', error: null, conflict: null, annotationId: null, version: null, submitted: false };

/** The saver's state as React state. */
export function useSaverState(saver: AnnotationSaver | null): SaverState {
  return useSyncExternalStore(
    (cb) => (saver ? saver.subscribe(cb) : () => undefined),
    () => saver?.getState() ?? IDLE,
  );
}
