// The package's `CookieJar`: the wasm-bindgen class, whose `headerFor` and `setFromHeader`
// take a shorter way into wasm for the common case, string arguments and no context. The
// strings go through the jar's transfer buffer in wasm memory (TextEncoder.encodeInto in, UTF-8
// decoding out) instead of wasm-bindgen's per-string allocation and JsValue handling; src/wasm.rs
// has the other side, and answers -1 when the general method must decide. No cookie logic here.
// scripts/build.mjs wraps this file into the CommonJS and ES module entry points.

/** `Binding` is the generated class, `wasmMemory` returns the module's memory. */
function withTransferCalls(Binding, wasmMemory) {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  // Node's Buffer decodes a range of memory without a view object, and faster.
  const NodeBuffer = typeof Buffer === 'function' ? Buffer : null;
  let memory = new Uint8Array(0);
  let memoryBuffer = null;
  // A view of wasm memory; memory growth detaches the old one.
  const memoryBytes = () => {
    if (memory.byteLength === 0) {
      memory = new Uint8Array(wasmMemory().buffer);
      memoryBuffer = NodeBuffer === null ? null : NodeBuffer.from(memory.buffer);
    }
    return memory;
  };
  // Buffer's utf8Slice is what its toString('utf8', start, end) calls after checking arguments.
  const readUtf8 = (start, end) =>
    memoryBuffer === null
      ? decoder.decode(memory.subarray(start, end))
      : typeof memoryBuffer.utf8Slice === 'function'
        ? memoryBuffer.utf8Slice(start, end)
        : memoryBuffer.toString('utf8', start, end);

  const EMPTY = new Uint8Array(0);
  // A region's new size: what it needs, at least twice what it had (and 256 bytes).
  const regionSize = (had, needed) => (needed > had ? Math.max(needed, 2 * had, 256) : Math.max(had, 256));

  return class CookieJar extends Binding {
    // The jar's transfer buffer: Set-Cookie lines (or, coming back, the header) in
    // [0, #urlStart), the URL in [#urlStart, #capacity), with a view of each region.
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

    // Makes the line region at least `lineBytes` and the URL region `urlBytes` long. Growing
    // moves the URL region, so the URL is written again.
    #reserve(lineBytes, urlBytes) {
      const urlRegion = this.#capacity - this.#urlStart;
      if (lineBytes > this.#urlStart || urlBytes > urlRegion || this.#capacity === 0) {
        const urlStart = regionSize(this.#urlStart, lineBytes);
        const capacity = urlStart + regionSize(urlRegion, urlBytes);
        this.#address = this.__transferBuffer(capacity);
        this.#urlStart = urlStart;
        this.#capacity = capacity;
        this.#url = null;
        this.#lineView = EMPTY;
      }
      // A new buffer, or wasm memory grew (which detaches views).
      if (this.#lineView.byteLength === 0) {
        const memory = memoryBytes();
        this.#lineView = memory.subarray(this.#address, this.#address + this.#urlStart);
        this.#firstLineView = memory.subarray(this.#address + 4, this.#address + this.#urlStart);
        this.#urlView = memory.subarray(this.#address + this.#urlStart, this.#address + this.#capacity);
      }
    }

    // Puts `url` in the URL region unless it is there; UTF-8 takes at most 3 bytes per UTF-16
    // code unit. (The caller reserved the room.)
    #putUrl(url) {
      if (url !== this.#url) {
        this.#urlLength = encoder.encodeInto(url, this.#urlView).written;
        this.#url = url;
      }
    }

    headerFor(url, context) {
      if (typeof url === 'string' && context === undefined) {
        this.#reserve(0, url === this.#url ? 0 : 3 * url.length);
        this.#putUrl(url);
        const length = this.__headerForTransfer(this.#urlStart, this.#urlLength, Date.now());
        if (length >= 0) {
          // A header longer than the line region overwrote the URL; one longer than the buffer
          // grew it (which may move it).
          if (length > this.#urlStart) {
            this.#url = null;
            if (length > this.#capacity) {
              this.#address = this.__transferBuffer(0);
              this.#capacity = this.__transferCapacity();
              this.#lineView = EMPTY;
            }
          }
          memoryBytes();
          return readUtf8(this.#address, this.#address + length);
        }
      }
      return super.headerFor(url, context);
    }

    setFromHeader(setCookie, url, context) {
      if (typeof url === 'string' && context === undefined) {
        const urlBytes = url === this.#url ? 0 : 3 * url.length;
        let end = -1;
        if (typeof setCookie === 'string') {
          this.#reserve(4 + 3 * setCookie.length, urlBytes);
          end = this.#writeLine(setCookie, 0);
        } else if (Array.isArray(setCookie) && setCookie.every((line) => typeof line === 'string')) {
          // One crossing for all the lines of a response.
          end = 0;
          for (let i = 0; i < setCookie.length; i++) {
            this.#reserve(end + 4 + 3 * setCookie[i].length, 0);
            end = this.#writeLine(setCookie[i], end);
          }
          this.#reserve(0, urlBytes);
        }
        if (end >= 0) {
          this.#putUrl(url);
          const stored = this.__setFromHeaderTransfer(end, this.#urlStart, this.#urlLength, Date.now());
          if (stored >= 0) return stored;
        }
      }
      return super.setFromHeader(setCookie, url, context);
    }

    // Writes `line` at `at` of the line region (the caller reserved the room): its UTF-8 length
    // (4 bytes, little-endian), then its bytes. Returns where it ends. Growing the buffer for the
    // lines keeps the URL region at least as large, so a URL that was there still fits.
    #writeLine(line, at) {
      const view = this.#lineView;
      const length = encoder.encodeInto(line, at === 0 ? this.#firstLineView : view.subarray(at + 4)).written;
      view[at] = length;
      view[at + 1] = length >>> 8;
      view[at + 2] = length >>> 16;
      view[at + 3] = length >>> 24;
      return at + 4 + length;
    }
  };
}
