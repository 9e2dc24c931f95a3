// The transfer calls: a shorter way into wasm for `headerFor(url)` and `setFromHeader(lines,
// url)` with string arguments and no context, the calls a client makes for every request and
// response. The strings go through a buffer each jar owns in wasm memory (TextEncoder.encodeInto
// in, UTF-8 decoding out) instead of wasm-bindgen's per-string allocation and JsValue handling;
// src/wasm/transfer.rs is the other side, and answers -1 when the general method must decide.
// Package-internal: users never see this module or its objects. No cookie logic here.

const encoder = new TextEncoder();
const decoder = new TextDecoder();
// Node's Buffer decodes a range of memory without a view object, and faster.
const NodeBuffer = typeof Buffer === 'function' ? Buffer : null;
const EMPTY = new Uint8Array(0);

let wasmMemory = null;
let memory = EMPTY;
let memoryBuffer = null;

/** Called once the module is instantiated, with its `WebAssembly.Memory`. */
export function bindMemory(instanceMemory) {
  wasmMemory = instanceMemory;
  memory = EMPTY;
}

/** Whether the wasm module is instantiated (the web build needs `await init()` first). */
export const isReady = () => wasmMemory !== null;

// A view of wasm memory; memory growth detaches the old one.
function memoryBytes() {
  if (memory.byteLength === 0) {
    memory = new Uint8Array(wasmMemory.buffer);
    memoryBuffer = NodeBuffer === null ? null : NodeBuffer.from(memory.buffer);
  }
  return memory;
}

// Buffer's utf8Slice is what its toString('utf8', start, end) calls after checking arguments.
function readUtf8(start, end) {
  if (memoryBuffer === null) return decoder.decode(memory.subarray(start, end));
  return typeof memoryBuffer.utf8Slice === 'function' ? memoryBuffer.utf8Slice(start, end) : memoryBuffer.toString('utf8', start, end);
}

// Not through the buffer: a URL or a line longer than this (in UTF-16 code units) takes the
// general method, whose copy is freed after the call, so that one oversized input does not
// leave a jar's buffer at three times its size for good.
const LARGEST = 64 * 1024;

// A region's new size: what it needs, at least twice what it had (and 256 bytes).
const regionSize = (had, needed) => (needed > had ? Math.max(needed, 2 * had, 256) : Math.max(had, 256));

/**
 * One jar's transfer buffer: Set-Cookie lines (or, coming back, the header) in [0, urlStart),
 * the URL in [urlStart, capacity), with a view of each region. Each method returns `undefined`
 * when the caller must take the general method (the wasm side declined, or a string did not fit).
 */
export class Transfer {
  #inner;
  #address = 0;
  #urlStart = 0;
  #capacity = 0;
  #lineView = EMPTY;
  // The line region after the first line's length: where a single line's bytes go.
  #firstLineView = EMPTY;
  #urlView = EMPTY;
  // The URL whose bytes are in the URL region (consecutive calls often share it), and their length.
  #url = null;
  #urlLength = 0;

  /** `inner` is the jar's generated wasm-bindgen object. */
  constructor(inner) {
    this.#inner = inner;
  }

  headerFor(url, now) {
    if (url.length > LARGEST) return undefined;
    this.#reserve(0, url === this.#url ? 0 : 3 * url.length);
    if (!this.#putUrl(url)) return undefined;
    const length = this.#inner.headerForTransfer(now, this.#urlStart, this.#urlLength);
    if (length < 0) return undefined;
    // A header longer than the line region overwrote the URL; one longer than the buffer grew
    // it (which may move it).
    if (length > this.#urlStart) {
      this.#url = null;
      if (length > this.#capacity) {
        this.#address = this.#inner.transferBuffer(0);
        this.#capacity = this.#inner.transferCapacity();
        this.#lineView = EMPTY;
      }
    }
    memoryBytes();
    return readUtf8(this.#address, this.#address + length);
  }

  /** `lines` is a string or an array. */
  setFromHeader(lines, url, now) {
    if (url.length > LARGEST || (typeof lines === 'string' && lines.length > LARGEST)) return undefined;
    const urlBytes = url === this.#url ? 0 : 3 * url.length;
    let end;
    if (typeof lines === 'string') {
      this.#reserve(4 + 3 * lines.length, urlBytes);
      end = this.#writeLine(lines, 0);
    } else {
      // One crossing for all the lines of a response. Each element is read once: one that is
      // not a string (or an array's getter that says otherwise the second time) leaves the call
      // to the general method, which reads a copy of the array.
      end = 0;
      for (let i = 0; i < lines.length && end >= 0; i++) {
        const line = lines[i];
        if (typeof line !== 'string' || line.length > LARGEST) return undefined;
        this.#reserve(end + 4 + 3 * line.length, 0);
        end = this.#writeLine(line, end);
      }
      this.#reserve(0, urlBytes);
    }
    if (end < 0 || !this.#putUrl(url)) return undefined;
    const stored = this.#inner.setFromHeaderTransfer(now, end, this.#urlStart, this.#urlLength);
    return stored < 0 ? undefined : stored;
  }

  // Makes the line region at least `lineBytes` and the URL region `urlBytes` long. Growing
  // moves the URL region, so the URL is written again.
  #reserve(lineBytes, urlBytes) {
    const urlRegion = this.#capacity - this.#urlStart;
    if (lineBytes > this.#urlStart || urlBytes > urlRegion || this.#capacity === 0) {
      const urlStart = regionSize(this.#urlStart, lineBytes);
      const capacity = urlStart + regionSize(urlRegion, urlBytes);
      this.#address = this.#inner.transferBuffer(capacity);
      this.#urlStart = urlStart;
      this.#capacity = capacity;
      this.#url = null;
      this.#lineView = EMPTY;
    }
    // A new buffer, or wasm memory grew (which detaches views).
    if (this.#lineView.byteLength === 0) {
      const bytes = memoryBytes();
      this.#lineView = bytes.subarray(this.#address, this.#address + this.#urlStart);
      this.#firstLineView = bytes.subarray(this.#address + 4, this.#address + this.#urlStart);
      this.#urlView = bytes.subarray(this.#address + this.#urlStart, this.#address + this.#capacity);
    }
  }

  // Puts `url` in the URL region unless it is there (the caller reserved the room: UTF-8 takes
  // at most 3 bytes per UTF-16 code unit). False if it did not fit whole.
  #putUrl(url) {
    if (url !== this.#url) {
      const { read, written } = encoder.encodeInto(url, this.#urlView);
      if (read !== url.length) {
        this.#url = null;
        return false;
      }
      this.#urlLength = written;
      this.#url = url;
    }
    return true;
  }

  // Writes `line` at `at` of the line region (the caller reserved the room): its UTF-8 length
  // (4 bytes, little-endian), then its bytes. Returns where it ends, or -1 if it did not fit
  // whole. Growing the buffer for the lines keeps the URL region at least as large, so a URL
  // that was there still fits.
  #writeLine(line, at) {
    const view = this.#lineView;
    const { read, written } = encoder.encodeInto(line, at === 0 ? this.#firstLineView : view.subarray(at + 4));
    if (read !== line.length) return -1;
    view[at] = written;
    view[at + 1] = written >>> 8;
    view[at + 2] = written >>> 16;
    view[at + 3] = written >>> 24;
    return at + 4 + written;
  }
}
