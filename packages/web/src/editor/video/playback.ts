import { DEFAULT_FRAME_RATE } from '@laoshi/core';
import type { AudioState, EditorPatch, EditorState, VideoState } from '../types.js';

// Frames and seconds, seeking and speed: pure functions of the state, shared by the commands and
// the video and audio views.

/** The speeds playback steps through (slower/faster). */
export const RATES = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4] as const;
/** Label Studio's frame rate when nothing says otherwise (core's, so exports number frames alike). */
export const DEFAULT_FPS = DEFAULT_FRAME_RATE;

/** The second frame `frame` starts at. */
export const frameStart = (frame: number, fps: number): number => (frame - 1) / fps;

/**
 * Where to seek to show `frame`: the middle of it, so rounding in the decoder can never land on
 * the frame before.
 */
export const seekTime = (frame: number, fps: number): number => (frame - 0.5) / fps;

/** The frame on screen at media time `seconds` (a frame's own timestamp gives that frame). */
export function frameAt(seconds: number, fps: number): number {
  return Math.floor(seconds * fps + 1e-6) + 1;
}

/** `83.4` → `01:23.400`; hours appear when needed. */
export function formatTime(seconds: number): string {
  const s = Math.max(0, seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = (s % 60).toFixed(3).padStart(6, '0');
  return `${h > 0 ? `${h}:${String(m).padStart(2, '0')}` : String(m).padStart(2, '0')}:${rest}`;
}

/** A fresh video state. */
export function initialVideo(fps: number, fpsSource: VideoState['fpsSource']): VideoState {
  return { frame: 1, fps, frameCount: 1, playing: false, rate: 1, span: 10, fpsSource, tracking: 'idle' };
}

/** A fresh audio state. */
export function initialAudio(): AudioState {
  return { time: 0, duration: null, playing: false, rate: 1, loop: false, zoom: 0 };
}

/** Shows `frame` (kept within the video); pauses playback, since a seek means "look here". */
export function seekFrame(state: EditorState, frame: number): EditorPatch | undefined {
  const v = state.video;
  if (v === null) return undefined;
  const target = Math.min(Math.max(1, Math.round(frame)), Math.max(1, v.frameCount));
  if (target === v.frame && !v.playing) return undefined;
  return { video: { ...v, frame: target, playing: false } };
}

export const stepFrames = (state: EditorState, delta: number): EditorPatch | undefined => (state.video ? seekFrame(state, state.video.frame + delta) : undefined);

/** The next speed up or down the RATES ladder. */
export function nextRate(rate: number, step: 1 | -1): number {
  const i = RATES.findIndex((r) => r >= rate - 1e-9);
  const at = i < 0 ? RATES.length - 1 : i;
  return RATES[Math.min(RATES.length - 1, Math.max(0, at + step))] as number;
}

export function changeRate(state: EditorState, step: 1 | -1): EditorPatch | undefined {
  if (state.video) return { video: { ...state.video, rate: nextRate(state.video.rate, step) } };
  if (state.audio) return { audio: { ...state.audio, rate: nextRate(state.audio.rate, step) } };
  return undefined;
}

export function togglePlay(state: EditorState): EditorPatch | undefined {
  if (state.video) return { video: { ...state.video, playing: !state.video.playing } };
  if (state.audio) return { audio: { ...state.audio, playing: !state.audio.playing } };
  return undefined;
}

/** Moves the audio by `delta` seconds, within the recording. */
export function seekAudioBy(state: EditorState, delta: number): EditorPatch | undefined {
  const a = state.audio;
  if (a === null) return undefined;
  const end = a.duration ?? Infinity;
  return { audio: { ...a, time: Math.min(end, Math.max(0, a.time + delta)) } };
}
