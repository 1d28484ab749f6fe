"""Every request asked of a new assessment worker, as the page starts it (for page.evaluate).

Used by the browser test that compares the worker's answers with CPython's, and
by the runtime trace (build_scripts/runtime_trace.py), which records what the
browser runs of Pyodide while it answers them.
"""

# page.evaluate(ANSWER_EVERY_REQUEST, requests) → the worker's answers, in order.
ANSWER_EVERY_REQUEST = """async (requests) => {
    const worker = window.assessorStart.launch();
    const replies = new Map();
    const waiting = new Map();
    worker.onmessage = ({ data }) => {
        if (data.type === "progress") return;
        (waiting.get(data.id) ?? ((v) => replies.set(data.id, v)))(data);
    };
    const ask = (id, type, payload) => new Promise((resolve) => {
        if (replies.has(id)) return resolve(replies.get(id));
        waiting.set(id, resolve);
        worker.postMessage({ id, type, payload });
    });
    const ready = await new Promise((resolve) => waiting.set(0, resolve));
    if (ready.type !== "ready") throw new Error(JSON.stringify(ready));
    const out = [];
    for (const [i, request] of requests.entries()) {
        out.push((await ask(i + 1, "handle", request)).payload);
    }
    worker.terminate();
    return out;
}"""
