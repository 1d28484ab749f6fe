// The page's side of the worker protocol: start Python, time it out, retry.

const STAGES = ["runtime", "python", "rules"];

export class Python {
  /**
   * @param {string} workerUrl  URL of worker.js
   * @param {{wheelUrl: string, indexURL: string}} urls  absolute URLs of the assessor wheel and the Pyodide runtime folder
   * @param {number} timeoutMs  give up (and offer a retry) after this long
   * @param {(state: {stage: string, step?: number, of?: number, error?: string}) => void} onState
   */
  constructor(workerUrl, urls, timeoutMs, onState) {
    Object.assign(this, { workerUrl, urls, timeoutMs, onState });
    this.nextId = 1;
    this.pending = new Map();
    this.start();
  }

  /** Start (or restart) the worker; `this.ready` settles when Python can answer. */
  start() {
    this.stop();
    this.state = "loading";
    this.ready = new Promise((resolve, reject) => {
      this.readyCallbacks = { resolve, reject };
    });
    this.ready.catch(() => {}); // failures are reported through onState
    this.worker = new Worker(this.workerUrl, { type: "module" });
    this.worker.onmessage = ({ data }) => this.receive(data);
    // A module that fails to load (404, wrong MIME type) lands here.
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail(event.message || "worker error");
    };
    // A .wasm served with the wrong MIME type makes loadPyodide() hang for ever: only a timer notices.
    this.timer = setTimeout(() => this.fail("timeout"), this.timeoutMs);
    this.initId = this.send("init", this.urls);
    this.onState({ stage: "runtime", step: 0, of: STAGES.length });
  }

  stop() {
    clearTimeout(this.timer);
    this.worker?.terminate();
    this.worker = null;
    for (const { reject } of this.pending.values()) reject(new Error("stopped"));
    this.pending.clear();
  }

  fail(message) {
    if (this.state !== "loading") return;
    this.state = "failed";
    console.error(`The assessor could not start: ${message}`);
    this.stop();
    this.readyCallbacks.reject(new Error(message));
    this.onState({ stage: "failed", error: message });
  }

  send(type, payload) {
    const id = this.nextId++;
    this.worker.postMessage({ id, type, payload });
    return id;
  }

  receive({ id, type, payload }) {
    if (id === this.initId) {
      if (type === "progress") {
        this.onState({ stage: payload, step: STAGES.indexOf(payload), of: STAGES.length });
      } else if (type === "ready") {
        clearTimeout(this.timer);
        this.state = "ready";
        this.readyCallbacks.resolve();
        this.onState({ stage: "ready" });
      } else if (type === "error") {
        this.fail(payload);
      }
      return;
    }
    const call = this.pending.get(id);
    if (!call) return;
    this.pending.delete(id);
    if (type === "result") call.resolve(JSON.parse(payload));
    else call.reject(new Error(payload));
  }

  /** Send one request object to assessor.api.handle and get the response object. */
  async handle(request) {
    await this.ready;
    return new Promise((resolve, reject) => {
      const id = this.send("handle", JSON.stringify(request));
      this.pending.set(id, { resolve, reject });
    });
  }
}
