/**
 * Text encoded straight into fixed-size byte chunks. Joining a batch's lines into one string
 * before encoding would make a string of a megabyte, which V8 puts in its large-object space,
 * where it stays until a full garbage collection: RSS would climb by the size of everything
 * exported since the last one. Writing each piece into a Buffer (outside the JS heap) keeps the
 * heap to short-lived small strings. Each text is encoded on its own: half a surrogate pair at the
 * end of one text and the other half at the start of the next are two replacement characters
 * (writers push whole lines and JSON values, which never end inside a pair).
 */
export class Utf8Chunks {
  private buffer: Buffer;
  private used = 0;

  constructor(private readonly size: number) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  /** Appends `text`; full chunks go to `out`, in order. */
  push(text: string, out: Buffer[]): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, 2 units, takes 4).
    if (this.used + text.length * 3 > this.size) {
      const full = this.take();
      if (full) out.push(full);
      if (text.length * 3 > this.size) {
        out.push(Buffer.from(text));
        return;
      }
    }
    this.used += this.buffer.write(text, this.used);
  }

  /** Appends raw bytes: what was gathered goes first, then `bytes` as a chunk of its own. */
  pushBytes(bytes: Buffer, out: Buffer[]): void {
    const full = this.take();
    if (full) out.push(full);
    out.push(bytes);
  }

  /** The bytes gathered so far, if any, as a chunk of their own. */
  take(): Buffer | undefined {
    if (this.used === 0) return undefined;
    const chunk = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(this.size);
    this.used = 0;
    return chunk;
  }
}
