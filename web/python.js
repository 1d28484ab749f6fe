// The page's side of the worker protocol: start Python, watch for stalls, retry.
//
// There is no fixed deadline: on a slow line the download may take minutes and
// that is fine as long as bytes keep arriving. The start fails only on an error
// or when nothing has moved for `stallMs` (four times that while Python starts,
// which is all computing and reports nothing); a retry starts a new worker. A
// worker that stops answering (it died, or Python broke) is treated the same
// way, and the unanswered requests are sent again once a new one is ready.
//
// Where Python itself broke (while it started, or answering), the page starts
// again at once, once, on the whole WebAssembly: the trimmed one the worker
// takes holds only the functions the assessment was traced running
// (build_scripts/wasm_trim.py), and one it lacks ends like this.

// Starting Python and answering a request report no progress while they compute.
const QUIET_FACTOR = 4;

export class Python {
  /**
   * @param {object} starter  window.assessorStart (start.js): `launch()` makes a worker,
   *   which starts at once; `early` is the one it started itself, once `started` resolves;
   *   `stallMs` fails the start when nothing has moved for this long; `full`: the page's
   *   workers take the whole WebAssembly
   * @param {(state: {stage: string, done?: number, total?: number, error?: string}) => void} onState
   */
  constructor(starter, onState) {
    Object.assign(this, { starter, stallMs: starter.stallMs, full: starter.full, onState });
    this.nextId = 1; // 0: the answers about the start
    this.inFlight = new Map(); // id → {request, resolve, reject}
    this.queue = []; // requests waiting for a (new) worker
    this.start();
  }

  /** Start (or restart) the worker; requests made meanwhile wait for it. */
  start() {
    this.stop();
    this.state = "loading";
    this.moved({ stage: "download", done: 0, total: 0 });
    const attempt = (this.attempt = (this.attempt ?? 0) + 1);
    if (attempt > 1) return this.adopt({ worker: this.starter.launch({ full: this.full }) }); // a retry
    // The first: the one start.js started, now or once a service worker controls the page.
    this.starter.started.then(() => {
      const early = this.starter.early;
      this.starter.early = null;
      if (attempt === this.attempt && this.state === "loading") this.adopt(early);
      else early.worker.terminate();
    });
  }

  /** Listen to `worker`, after what it said before we listened. */
  adopt({ worker, messages = [], error = null }) {
    this.worker = worker;
    this.worker.onmessage = ({ data }) => this.receive(data);
    // A module that fails to load (404, wrong MIME type), or a worker that
    // dies later, lands here.
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail(event.message || "worker error");
    };
    for (const data of messages) this.receive(data);
    if (error) this.fail(error);
  }

  /** Progress of any kind restarts the stall watch. */
  moved(state) {
    this.stage = state.stage;
    this.watch(state.stage === "download" ? this.stallMs : this.stallMs * QUIET_FACTOR, "stalled");
    this.onState(state);
  }

  watch(ms, reason) {
    clearTimeout(this.stallTimer);
    this.stallTimer = setTimeout(() => this.fail(reason), ms);
  }

  stop() {
    clearTimeout(this.stallTimer);
    if (this.worker) {
      this.worker.onmessage = null; // nothing more from it (each worker's start is message 0)
      this.worker.terminate();
    }
    this.worker = null;
    // Requests the old worker never answered are sent again to the next one.
    for (const call of this.inFlight.values()) this.queue.push(call);
    this.inFlight.clear();
  }

  /** Python broke: start again on the whole WebAssembly, or fail if it is the one that broke. */
  broke(message) {
    if (this.full) return this.fail(message);
    console.warn(`Starting again on the whole runtime: ${message}`);
    this.full = true;
    this.start();
  }

  fail(message) {
    if (this.state === "failed") return;
    this.state = "failed";
    console.error(`The assessor stopped: ${message}`);
    this.stop();
    this.onState({ stage: "failed", error: message });
  }

  send(type, payload) {
    const id = this.nextId++;
    this.worker.postMessage({ id, type, payload });
    return id;
  }

  dispatch(call) {
    const id = call.type ? this.send(call.type, call.payload) : this.send("handle", JSON.stringify(call.request));
    this.inFlight.set(id, call);
    this.watch(this.stallMs * QUIET_FACTOR, "no answer");
  }

  receive({ id, type, payload }) {
    if (id === 0) {
      if (type === "progress") {
        this.moved(payload);
      } else if (type === "ready") {
        clearTimeout(this.stallTimer);
        this.state = "ready";
        this.onState({ stage: "ready", restored: !!payload?.restored });
        for (const call of this.queue.splice(0)) this.dispatch(call);
      } else if (type === "error") {
        // While Python starts (not while downloading), an error is Python's own.
        if (this.stage === "start" || this.stage === "rules") this.broke(payload);
        else this.fail(payload);
      }
      return;
    }
    const call = this.inFlight.get(id);
    if (!call) return;
    if (type === "dead") {
      // The runtime broke (the request stays in flight and is sent again after a restart).
      this.broke(payload);
      return;
    }
    this.inFlight.delete(id);
    if (!this.inFlight.size) clearTimeout(this.stallTimer);
    if (type === "bytes") call.resolve(payload);
    else if (type === "result") call.resolve(call.type ? payload : JSON.parse(payload));
    else call.reject(new Error(payload));
  }

  /**
   * Send another message type of the worker's protocol (the register page's); resolves with
   * the answer's payload as it is (a JSON string, or bytes).
   */
  request(type, payload) {
    return new Promise((resolve, reject) => {
      const call = { type, payload, resolve, reject };
      if (this.state === "ready") this.dispatch(call);
      else this.queue.push(call);
    });
  }

  /** Send one request object to assessor.api.handle; resolves with the response once Python answers. */
  handle(request) {
    return new Promise((resolve, reject) => {
      const call = { request, resolve, reject };
      if (this.state === "ready") this.dispatch(call);
      else this.queue.push(call);
    });
  }
}

/** The page's worker, started (or about to be) by start.js in its <head>. */
export function pythonFor(onState) {
  return new Python(window.assessorStart, onState);
}
