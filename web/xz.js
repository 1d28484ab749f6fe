// xz decoding for the worker: browsers' DecompressionStream knows only gzip and
// deflate, and xz makes the runtime a quarter smaller than gzip does.
//
// The decoder is xz-embedded compiled to WebAssembly by the npm package
// `xz-decompress` (MIT; xz-embedded is public domain); the build copies its
// 12 kB module to xz.wasm. This is a smaller glue for the same C interface.

const OK = 0;
const STREAM_END = 1;

/** Compile xz.wasm once (from bytes, so the server's MIME type for .wasm does not matter). */
export async function loadDecoder(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return WebAssembly.compile(await response.arrayBuffer());
}

/** A TransformStream that turns xz bytes into the original bytes; one decoder instance each. */
export async function xzTransform(module) {
  const { exports } = await WebAssembly.instantiate(module, {});
  const ctx = exports.create_context();
  // The context's header (32-bit words): buffer size, input buffer, input
  // position, input size, output buffer, output position.
  const words = () => new Uint32Array(exports.memory.buffer, ctx, 6);
  const bufSize = words()[0];
  let finished = false;

  function drain(controller) {
    for (;;) {
      const before = words()[2];
      const result = exports.get_next_output(ctx);
      if (result !== OK && result !== STREAM_END) throw new Error(`xz: corrupt data (code ${result})`);
      const w = words();
      const produced = w[5];
      if (produced > 0) controller.enqueue(new Uint8Array(exports.memory.buffer, w[4], produced).slice());
      w[5] = 0;
      if (result === STREAM_END) {
        finished = true;
        return;
      }
      // Go on while the output buffer filled up or input is left, as long as something moves.
      if (w[2] === w[3] && produced < bufSize) return;
      if (produced === 0 && w[2] === before) return;
    }
  }

  return new TransformStream({
    transform(chunk, controller) {
      for (let start = 0; start < chunk.byteLength && !finished; start += bufSize) {
        const piece = chunk.subarray(start, start + bufSize);
        const w = words();
        new Uint8Array(exports.memory.buffer, w[1], piece.byteLength).set(piece);
        exports.supply_input(ctx, piece.byteLength);
        drain(controller);
      }
    },
    flush(controller) {
      // Empty input tells the decoder the data has ended (it reads concatenated streams).
      if (!finished) {
        exports.supply_input(ctx, 0);
        drain(controller);
      }
      exports.destroy_context(ctx);
      if (!finished) throw new Error("xz: the data ended early");
    },
  });
}
