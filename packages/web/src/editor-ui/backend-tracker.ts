import { keyframesFromResult, motionTracker, type Tracker } from '../editor/index.js';

/** What the project's interactive predict route answers (POST /api/tasks/:id/predict). */
export interface PredictAnswer {
  result: Record<string, unknown>[];
  score?: number | null;
  modelVersion?: string | null;
}

/**
 * Sends the interactive `context` to the model backend; resolves null when the project has no
 * backend (the route's 404), so the tracker can fall back.
 */
export type PredictCall = (context: Record<string, unknown>, signal: AbortSignal) => Promise<PredictAnswer | null>;

/**
 * A tracker that asks the project's model backend (Label Studio ML-backend protocol) where the
 * selected track goes next. The backend gets, as `params.context`:
 *
 *   { "type": "video-track", "track": <the track's videorectangle/videopolygon item, keyframes so far>,
 *     "from_frame": 40, "frames": 10, "fps": 25 }
 *
 * and answers a `videorectangle` (or `videopolygon`) item — the same id, or the only one — whose
 * sequence holds the proposed keyframes after `from_frame`. Without a backend it uses `fallback`
 * (the motion tracker, by default).
 * @example <AnnotationEditor tracker={backendTracker((context, signal) => api.post(`/api/tasks/${id}/predict`, { context }, { signal }))} … />
 */
export function backendTracker(predict: PredictCall, fallback: Tracker = motionTracker): Tracker {
  return async (request, signal) => {
    const context = { type: 'video-track', track: request.item, from_frame: request.fromFrame, frames: request.frames, fps: request.fps };
    const answer = await predict(context, signal);
    if (answer === null) return fallback(request, signal);
    return { keyframes: keyframesFromResult(answer.result, request.trackId), score: answer.score ?? undefined, modelVersion: answer.modelVersion ?? undefined };
  };
}
