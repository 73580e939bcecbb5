import type { Draw2D } from '../../src/editor/index.js';

/** A fake 2D context that records the drawing calls (jsdom has no canvas). */
export class RecordingContext implements Draw2D {
  calls: { op: string; args: unknown[] }[] = [];
  fillStyle: string | CanvasGradient | CanvasPattern = '#000';
  strokeStyle: string | CanvasGradient | CanvasPattern = '#000';
  lineWidth = 1;
  globalAlpha = 1;
  font = '10px sans-serif';
  filter = 'none';
  textBaseline: CanvasTextBaseline = 'alphabetic';

  private record(op: string, args: unknown[]): void {
    this.calls.push({ op, args });
  }

  count(op: string): number {
    return this.calls.filter((c) => c.op === op).length;
  }

  reset(): void {
    this.calls = [];
  }

  save() { this.record('save', []); }
  restore() { this.record('restore', []); }
  setTransform(...args: unknown[]) { this.record('setTransform', args); }
  clearRect(...args: unknown[]) { this.record('clearRect', args); }
  beginPath() { this.record('beginPath', []); }
  closePath() { this.record('closePath', []); }
  rect(...args: unknown[]) { this.record('rect', args); }
  moveTo(...args: unknown[]) { this.record('moveTo', args); }
  lineTo(...args: unknown[]) { this.record('lineTo', args); }
  arc(...args: unknown[]) { this.record('arc', args); }
  stroke() { this.record('stroke', [this.strokeStyle]); }
  fill() { this.record('fill', [this.fillStyle]); }
  fillRect(...args: unknown[]) { this.record('fillRect', args); }
  strokeRect(...args: unknown[]) { this.record('strokeRect', args); }
  fillText(...args: unknown[]) { this.record('fillText', args); }
  measureText(text: string): TextMetrics { return { width: text.length * 6 } as TextMetrics; }
  drawImage(...args: unknown[]) { this.record('drawImage', args); }
  setLineDash(...args: unknown[]) { this.record('setLineDash', args); }
}
