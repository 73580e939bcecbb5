// Small line icons drawn as SVG, so they look the same on every system (no emoji fonts needed).
const PATHS: Record<string, string> = {
  select: 'M4 2l12 7-5 1.5L8.5 16z',
  pan: 'M7 9V4.5a1.2 1.2 0 0 1 2.4 0V8m0-4.5V3a1.2 1.2 0 0 1 2.4 0v5m0-4a1.2 1.2 0 0 1 2.4 0v5m0-2.5a1.2 1.2 0 0 1 2.4 0V12a5 5 0 0 1-5 5h-1a5 5 0 0 1-4-2l-2.8-3.7a1.2 1.2 0 0 1 1.9-1.5L7 11.5',
  rectangle: 'M3 5h14v10H3z',
  polygon: 'M10 2.5l7 5-2.7 8H5.7L3 7.5z',
  polyline: 'M2.5 15l4.5-7 4 4 6.5-8.5',
  keypoint: 'M10 7a3 3 0 1 1 0 6 3 3 0 0 1 0-6z',
  undo: 'M7 4L3 8l4 4M3 8h9a5 5 0 0 1 0 10H9',
  redo: 'M13 4l4 4-4 4M17 8H8a5 5 0 0 0 0 10h3',
  zoomIn: 'M8.5 3a5.5 5.5 0 1 1 0 11 5.5 5.5 0 0 1 0-11zM13 13l4.5 4.5M6 8.5h5M8.5 6v5',
  zoomOut: 'M8.5 3a5.5 5.5 0 1 1 0 11 5.5 5.5 0 0 1 0-11zM13 13l4.5 4.5M6 8.5h5',
  fit: 'M3 7V3h4M13 3h4v4M17 13v4h-4M7 17H3v-4',
  eye: 'M2 10s3-5.5 8-5.5S18 10 18 10s-3 5.5-8 5.5S2 10 2 10zM10 7.5a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5z',
  eyeOff: 'M2 10s3-5.5 8-5.5S18 10 18 10s-3 5.5-8 5.5S2 10 2 10zM3 3l14 14',
  lock: 'M5 9h10v8H5zM7 9V6.5a3 3 0 0 1 6 0V9',
  unlock: 'M5 9h10v8H5zM7 9V6.5a3 3 0 0 1 5.8-1',
  close: 'M5 5l10 10M15 5L5 15',
  brightness: 'M10 6.5a3.5 3.5 0 1 1 0 7 3.5 3.5 0 0 1 0-7zM10 1.5v2M10 16.5v2M1.5 10h2M16.5 10h2M4 4l1.4 1.4M14.6 14.6L16 16M4 16l1.4-1.4M14.6 5.4L16 4',
  contrast: 'M10 2.5a7.5 7.5 0 1 1 0 15 7.5 7.5 0 0 1 0-15zM10 2.5v15',
  help: 'M7.5 7.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7v.5M10 15v.5',
  play: 'M6 4l10 6-10 6z',
  pause: 'M6 4h3v12H6zM11 4h3v12h-3z',
  previousFrame: 'M13 5l-6 5 6 5M6 5v10',
  nextFrame: 'M7 5l6 5-6 5M14 5v10',
  back10Frames: 'M10 5l-6 5 6 5zM17 5l-6 5 6 5z',
  forward10Frames: 'M3 5l6 5-6 5zM10 5l6 5-6 5z',
  firstFrame: 'M5 4v12M15 4l-8 6 8 6z',
  lastFrame: 'M15 4v12M5 4l8 6-8 6z',
  addKeyframe: 'M10 3l6 7-6 7-6-7z',
  deleteKeyframe: 'M10 3l6 7-6 7-6-7zM3 3l14 14',
  toggleOutOfView: 'M2 10s3-5.5 8-5.5S18 10 18 10s-3 5.5-8 5.5S2 10 2 10zM3 3l14 14',
  copyToNextFrame: 'M3 5h8v8H3zM9 9h8v8H9z',
  propagate: 'M3 10h10M10 6l4 4-4 4M17 5v10',
  trackForward: 'M3 15l4-4 3 3 7-8M13 6h4v4',
  loopSegment: 'M4 8a5 5 0 0 1 9-2h2M16 12a5 5 0 0 1-9 2H5M13 4l2 2-2 2M7 16l-2-2 2-2',
  back1s: 'M13 5l-6 5 6 5',
  forward1s: 'M7 5l6 5-6 5',
};

/** An icon by name; decorative (the button around it carries the accessible name). */
export function Icon({ name }: { name: keyof typeof PATHS | string }) {
  const d = PATHS[name];
  if (d === undefined) return null;
  const filled = name === 'keypoint' || name === 'play' || name === 'addKeyframe';
  return (
    <svg className="le-icon" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={d} fill={filled ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
