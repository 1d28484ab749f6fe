"""The snapshot this browser keeps: used on return, and never in the way.

After the first normal start the worker snapshots Python's memory with the
assessor loaded and keeps it in IndexedDB; a later visit restores it instead
of starting Python again. Snapshots are private Pyodide API, so the first test
here is the one that fails if an upgrade of the pinned version breaks them.
Any snapshot that cannot be used must end in a normal start and a result.
"""

from __future__ import annotations

import pytest
from test_assessment import RESTRUCTURING, fill_in, see_result, shown_measures
from test_loading import open_assessment, plain_server  # noqa: F401 (a fixture)

from build_scripts import runtime

BOOT = 90_000

# Replace the stored entry's fields (run in the page; same origin as the worker).
TAMPER = """async ({ mode }) => {
    const db = await new Promise((ok, no) => {
        const r = indexedDB.open("assessor-snapshot");
        r.onsuccess = () => ok(r.result);
        r.onerror = () => no(r.error);
    });
    const store = () => db.transaction("snapshot", "readwrite").objectStore("snapshot");
    const entry = await new Promise((ok) => {
        const r = store().get("current");
        r.onsuccess = () => ok(r.result);
    });
    if (!entry) throw new Error("no snapshot stored");
    if (mode === "corrupt") {
        const bytes = new Uint8Array(await entry.pages.arrayBuffer());
        for (let i = 1000; i < bytes.length; i += 997) bytes[i] ^= 0x5a;
        entry.pages = new Blob([bytes]);
    } else if (mode === "foreign") {
        // A well-formed snapshot of the right length whose bytes are not a snapshot of this build,
        // stored by the page's own snapshot.js.
        const script = [...document.scripts].find((s) => s.src.endsWith("/app.js"));
        const snapshot = await import(new URL("snapshot.js", script.src).href);
        db.close();
        await snapshot.write(entry.key, new Uint8Array(entry.length).fill(7), entry.files);
        return;
    }
    await new Promise((ok) => { const r = store().put(entry, "current"); r.onsuccess = ok; });
    db.close();
}"""


# Whether a snapshot is stored, read without creating the database.
STORED = """async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === "assessor-snapshot")) return false;
    return await new Promise((ok) => {
        const r = indexedDB.open("assessor-snapshot");
        r.onsuccess = () => {
            const db = r.result;
            if (!db.objectStoreNames.contains("snapshot")) { db.close(); return ok(false); }
            const get = db.transaction("snapshot").objectStore("snapshot").get("current");
            get.onsuccess = () => { ok(!!get.result); db.close(); };
        };
        r.onerror = () => ok(false);
    });
}"""


def wait_stored(page) -> None:
    # evaluate() awaits the promise (wait_for_function would take it as truthy at once).
    for _ in range(300):
        if page.evaluate(STORED):
            return
        page.wait_for_timeout(200)
    raise AssertionError("no snapshot was stored after the first start")


def first_visit(page) -> None:
    page.wait_for_selector(".as-ready", timeout=BOOT)
    assert page.get_attribute(".as-ready", "data-restored") == "false"
    wait_stored(page)


def result_works(page) -> None:
    fill_in(page, RESTRUCTURING)
    see_result(page)
    assert "structural-reform" in shown_measures(page)


def test_a_return_visit_starts_from_the_snapshot_and_answers(browser, plain_server):  # noqa: F811
    page = open_assessment(browser, plain_server)
    first_visit(page)
    page.reload()
    page.wait_for_selector(".as-ready", timeout=BOOT)
    assert page.get_attribute(".as-ready", "data-restored") == "true", (
        "the stored snapshot was not used: has a Pyodide upgrade broken _loadSnapshot?"
    )
    result_works(page)
    assert not page.errors
    page.context.close()


@pytest.mark.parametrize("mode", ["corrupt", "foreign"])
def test_an_unusable_snapshot_ends_in_a_normal_start_and_a_result(browser, plain_server, mode):  # noqa: F811
    page = open_assessment(browser, plain_server)
    first_visit(page)
    page.evaluate(TAMPER, {"mode": mode})
    page.reload()
    page.wait_for_selector(".as-ready", timeout=BOOT)
    assert page.get_attribute(".as-ready", "data-restored") == "false"
    result_works(page)
    # The bad snapshot was replaced by a good one, which the next visit uses.
    wait_stored(page)
    page.reload()
    page.wait_for_selector(".as-ready", timeout=BOOT)
    assert page.get_attribute(".as-ready", "data-restored") == "true"
    page.context.close()


def test_the_register_page_restores_only_a_snapshot_made_on_the_whole_webassembly(browser, plain_server):  # noqa: F811
    # The assessment's snapshot holds the trimmed WebAssembly, which may lack what a
    # register needs; the register page's own holds the whole one, which serves both pages.
    page = open_assessment(browser, plain_server, "assessment.html")
    first_visit(page)
    runtime_files = []
    page.context.on("request", lambda r: r.url.endswith(".wasm.xz") and runtime_files.append(r.url))
    visits = {}
    for visit, (name, ready) in enumerate(
        [("register.html", ".rg-ready"), ("register.html", ".rg-ready"), ("assessment.html", ".as-ready")]
    ):
        runtime_files.clear()
        page.goto(plain_server + name)
        page.wait_for_selector(ready, timeout=BOOT)
        wait_stored(page)
        page.wait_for_timeout(1000)  # a new snapshot is stored after "ready"
        visits[visit] = sorted({url.rsplit("/", 1)[-1] for url in runtime_files})  # page and service worker
    assert visits[0] == [runtime.FULL_WASM], "the register page must not restore the trimmed runtime"
    assert visits[1] == [], "the register page's own snapshot was not used"
    assert visits[2] == [], "the assessment should restore the snapshot made on the whole runtime"
    result_works(page)
    assert not page.errors
    page.context.close()
