import type { ConfigModel } from '../config-model.js';
import type { EditorState } from '../types.js';
import { changeRate, seekAudioBy, seekFrame, stepFrames, togglePlay } from '../video/playback.js';
import { addKeyframeHere, copyToNextFrame, deleteKeyframeHere, jumpToKeyframe, propagateSelected, selectedTracks, toggleOutOfView, trackInView } from '../video/track-actions.js';
import type { Command } from './command.js';

const title = (name: string) => ({ key: `editor.commands.${name}` });
const writable = (s: EditorState) => !s.readOnly;
const oneTrackInView = (s: EditorState) => {
  const tracks = selectedTracks(s);
  return tracks.length === 1 && trackInView(s, tracks[0]!.id);
};
const tracksSelected = (s: EditorState) => writable(s) && selectedTracks(s).length > 0;

/**
 * Playback and keyframe commands for a video, and playback commands for audio. They are registered
 * before the image commands, so on an audio task ←/→ move through the recording instead of panning.
 */
export function mediaCommands(model: ConfigModel, options: { tracker: boolean }): Command[] {
  const out: Command[] = [];
  const add = (c: Omit<Command, 'group' | 'title'> & { name?: string }) => out.push({ group: 'media', title: title(c.name ?? c.id), ...c });
  if (model.video && model.trackControls.size > 0) {
    add({ id: 'playPause', keys: ['k'], undoable: false, run: togglePlay });
    add({ id: 'previousFrame', keys: [',', 'alt+arrowleft'], undoable: false, run: (s) => stepFrames(s, -1) });
    add({ id: 'nextFrame', keys: ['.', 'alt+arrowright'], undoable: false, run: (s) => stepFrames(s, 1) });
    add({ id: 'back10Frames', keys: ['<', 'alt+shift+arrowleft'], undoable: false, run: (s) => stepFrames(s, -10) });
    add({ id: 'forward10Frames', keys: ['>', 'alt+shift+arrowright'], undoable: false, run: (s) => stepFrames(s, 10) });
    add({ id: 'firstFrame', keys: ['home'], undoable: false, run: (s) => seekFrame(s, 1) });
    add({ id: 'lastFrame', keys: ['end'], undoable: false, run: (s) => seekFrame(s, s.video?.frameCount ?? 1) });
    add({ id: 'slower', keys: ['{'], undoable: false, run: (s) => changeRate(s, -1) });
    add({ id: 'faster', keys: ['}'], undoable: false, run: (s) => changeRate(s, 1) });
    add({ id: 'previousKeyframe', keys: ['['], undoable: false, wholeDocument: true, run: (s) => jumpToKeyframe(s, -1) });
    add({ id: 'nextKeyframe', keys: [']'], undoable: false, wholeDocument: true, run: (s) => jumpToKeyframe(s, 1) });
    add({ id: 'addKeyframe', keys: ['shift+k'], undoable: true, wholeDocument: true, enabled: tracksSelected, run: addKeyframeHere });
    add({ id: 'deleteKeyframe', keys: ['alt+delete', 'alt+backspace'], undoable: true, wholeDocument: true, enabled: tracksSelected, run: deleteKeyframeHere });
    add({ id: 'toggleOutOfView', keys: ['o'], undoable: true, wholeDocument: true, enabled: tracksSelected, run: toggleOutOfView });
    add({ id: 'copyToNextFrame', keys: ['n'], undoable: true, wholeDocument: true, enabled: tracksSelected, run: copyToNextFrame });
    add({ id: 'propagate', keys: ['shift+n'], undoable: true, wholeDocument: true, enabled: tracksSelected, run: (s) => propagateSelected(s) });
    if (options.tracker) {
      add({ id: 'trackForward', keys: ['t'], undoable: false, wholeDocument: true, enabled: (s) => writable(s) && oneTrackInView(s), run: (_s, env) => void env.emit('track') });
    }
  }
  if (model.audio && !model.image && !model.video) {
    add({ id: 'playPause', keys: ['space', 'k'], undoable: false, run: togglePlay });
    add({ id: 'back1s', keys: ['arrowleft'], undoable: false, run: (s) => seekAudioBy(s, -1) });
    add({ id: 'forward1s', keys: ['arrowright'], undoable: false, run: (s) => seekAudioBy(s, 1) });
    add({ id: 'loopSegment', keys: ['l'], undoable: false, run: (s) => (s.audio ? { audio: { ...s.audio, loop: !s.audio.loop } } : undefined) });
    add({ id: 'slower', keys: ['{'], undoable: false, run: (s) => changeRate(s, -1) });
    add({ id: 'faster', keys: ['}'], undoable: false, run: (s) => changeRate(s, 1) });
    add({ id: 'waveZoomIn', keys: ['+', '='], undoable: false, run: (s) => (s.audio ? { audio: { ...s.audio, zoom: Math.min(2000, Math.max(20, s.audio.zoom * 2 || 40)) } } : undefined) });
    add({ id: 'waveZoomOut', keys: ['-'], undoable: false, run: (s) => (s.audio ? { audio: { ...s.audio, zoom: s.audio.zoom <= 20 ? 0 : s.audio.zoom / 2 } } : undefined) });
  }
  return out;
}
