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
      memoryBuffer = NodeBuffer && NodeBuffer.from(memory.buffer);
    }
    return memory;
  };
  const readUtf8 = (start, end) =>
    memoryBuffer ? memoryBuffer.toString('utf8', start, end) : decoder.decode(memory.subarray(start, end));

  return class CookieJar extends Binding {
    #address = 0;
    #capacity = 0;
    #view = new Uint8Array(0);

    // The transfer buffer, with room for at least `length` bytes.
    #buffer(length) {
      if (length > this.#capacity) {
        this.#address = this.__transferBuffer(length);
        this.#capacity = length;
        this.#view = new Uint8Array(0);
      }
      if (this.#view.byteLength === 0) {
        this.#view = memoryBytes().subarray(this.#address, this.#address + this.#capacity);
      }
      return this.#view;
    }

    headerFor(url, context) {
      if (typeof url === 'string' && context === undefined) {
        // UTF-8 takes at most 3 bytes per UTF-16 code unit.
        const urlLength = encoder.encodeInto(url, this.#buffer(3 * url.length)).written;
        const length = this.__headerForTransfer(urlLength, Date.now());
        if (length >= 0) {
          // A long header grows the buffer (and may move it).
          if (length > this.#capacity) {
            this.#address = this.__transferBuffer(0);
            this.#capacity = this.__transferCapacity();
            this.#view = new Uint8Array(0);
          }
          memoryBytes();
          return readUtf8(this.#address, this.#address + length);
        }
      }
      return super.headerFor(url, context);
    }

    setFromHeader(setCookie, url, context) {
      if (typeof url === 'string' && context === undefined) {
        if (typeof setCookie === 'string') {
          const stored = this.#setLine(setCookie, url);
          if (stored >= 0) return stored;
        } else if (Array.isArray(setCookie) && setCookie.every((line) => typeof line === 'string')) {
          let stored = 0;
          for (let i = 0; i < setCookie.length; i++) {
            const result = this.#setLine(setCookie[i], url);
            // The URL and the clock decide, so this happens at the first line or never.
            if (result < 0) return stored + super.setFromHeader(setCookie.slice(i), url);
            stored += result;
          }
          return stored;
        }
      }
      return super.setFromHeader(setCookie, url, context);
    }

    // One Set-Cookie line, then the URL, through the transfer buffer: 1 stored, 0 not, -1 for
    // the general method.
    #setLine(line, url) {
      const buffer = this.#buffer(3 * (line.length + url.length));
      const lineLength = encoder.encodeInto(line, buffer).written;
      const urlLength = encoder.encodeInto(url, buffer.subarray(lineLength)).written;
      return this.__setFromHeaderTransfer(lineLength, urlLength, Date.now());
    }
  };
}
