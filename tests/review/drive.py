"""Drives `hashi review` pages in headless Chromium (Debian's chromium and chromedriver,
Selenium from PyPI) for tests/review_browser.rs. Every check raises on failure; results
(timings, counts) are printed as one JSON object on the last line of standard output.

    drive.py edits PAGE DOWNLOADS SHOTS   the scripted edits by keyboard and by click, exports,
                                          reload, clear, screenshots at two widths
    drive.py hostile PAGE DOWNLOADS       hostile text shows as text, runs nothing; approve all
                                          and export CSV and TMX
    drive.py big PAGE                     time to first render and to the end of the rows
    drive.py offline PAGE                 opens with the network off
"""

import json
import os
import sys
import time

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select


def browser(downloads=None, width=1366, height=860):
    """A headless Chromium; as a context (`with browser() as driver:`) it quits on the way
    out, whatever happens."""
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                 # Several browsers run at once (the tests run in threads): none may be
                 # taken for a background window whose frames and timers are throttled,
                 # which stalls the animation-frame scroll of the large page.
                 "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                 "--disable-backgrounding-occluded-windows",
                 f"--window-size={width},{height}"]:
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    if downloads:
        opts.add_experimental_option("prefs", {
            "download.default_directory": downloads,
            "download.prompt_for_download": False,
        })
    # The driver is Debian's: Selenium Manager must not fetch one.
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    if downloads:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                               {"behavior": "allow", "downloadPath": downloads})
    return driver


def fail(msg):
    raise AssertionError(msg)


def expect(cond, msg):
    if not cond:
        fail(msg)


def open_page(driver, page):
    url = "file://" + os.path.abspath(page)
    driver.get(url)
    wait(lambda: driver.execute_script("return document.body.dataset.ready === '1'"), "page ready")
    return url


def wait(cond, what, limit=10.0):
    end = time.time() + limit
    while time.time() < end:
        if cond():
            return
        time.sleep(0.05)
    fail(f"timed out waiting for {what}")


def keys(driver, *seq):
    for k in seq:
        ActionChains(driver).send_keys(k).perform()


def ctrl(driver, key, shift=False):
    chain = ActionChains(driver).key_down(Keys.CONTROL)
    if shift:
        chain = chain.key_down(Keys.SHIFT)
    chain = chain.send_keys(key)
    if shift:
        chain = chain.key_up(Keys.SHIFT)
    chain.key_up(Keys.CONTROL).perform()


def click(driver, element_id):
    driver.find_element(By.ID, element_id).click()


def click_text(driver, row, side):
    """Clicks the first sentence of one side of a row (0-based among all rows)."""
    driver.execute_script(
        "document.querySelectorAll('#rows .row')[arguments[0]].scrollIntoView({block:'center'})", row)
    cell = driver.find_elements(By.CSS_SELECTOR, "#rows .row")[row].find_element(By.CSS_SELECTOR, "." + side)
    cell.click()


def state(driver):
    """The rows as the page shows them: 'en ids|ja ids|status|score label'."""
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('#rows .row')).map(function (r) {
          return [r.querySelector('.ids.e').textContent, r.querySelector('.ids.j').textContent,
                  r.querySelector('.st span').className, r.querySelector('.score').textContent].join('|');
        });""")


def selected(driver):
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#rows .row')).findIndex(r => r.classList.contains('sel'))")


def shown(driver):
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#rows .row')).filter(r => r.offsetParent !== null).length")


def no_errors_no_network(driver, page_url):
    problems = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    expect(not problems, f"console messages: {problems}")
    requests = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            requests.append(msg["params"]["request"]["url"])
    outside = [u for u in requests if not (u == page_url or u.startswith("blob:") or u.startswith("data:"))]
    expect(not outside, f"requests other than the page itself and its downloads: {outside}")
    return len(requests)


def download(driver, button, directory, name):
    path = os.path.join(directory, name)
    if os.path.exists(path):
        os.remove(path)
    click(driver, button)
    wait(lambda: os.path.exists(path) and not os.path.exists(path + ".crdownload"), f"download {name}")
    time.sleep(0.2)
    return path


def edits(page, downloads, shots):
    with browser(downloads) as driver:
        url = open_page(driver, page)
        start = state(driver)
        expect(len(start) == 17, f"17 rows expected, found {len(start)}: {start}")
        expect(selected(driver) == 0, "the first row starts selected")
        # Help panel, by key and by button.
        keys(driver, "?")
        expect(driver.find_element(By.ID, "help").is_displayed(), "? shows the help")
        keys(driver, Keys.ESCAPE)
        expect(not driver.find_element(By.ID, "help").is_displayed(), "Esc hides the help")
        click(driver, "b-help")
        expect(driver.find_element(By.ID, "help").is_displayed(), "the Help button shows the help")
        click(driver, "b-help")

        keys(driver, Keys.HOME)
        expect(selected(driver) == 0, "Home selects the first row")
        keys(driver, "a")                                   # approve row 0 (key)
        click_text(driver, 1, "en")                          # select row 1 (click)
        click(driver, "b-approve")                           # approve it (click)
        keys(driver, "j", "a")                               # row 2 approved
        keys(driver, Keys.ARROW_DOWN)                        # row 3
        keys(driver, "m")                                    # merge 3 (en 3) with 4 (en 4)
        s = state(driver)
        expect(len(s) == 16 and s[3] == "3,4|3|unreviewed|edited", f"merge: {s[:6]}")
        keys(driver, "u")                                    # undo (key)
        expect(state(driver) == [start[0].replace("unreviewed", "approved"),
                                 start[1].replace("unreviewed", "approved"),
                                 start[2].replace("unreviewed", "approved")] + start[3:], "undo of merge")
        keys(driver, "U")                                    # redo (key)
        expect(state(driver)[3] == "3,4|3|unreviewed|edited", "redo of merge")
        ctrl(driver, "z")                                    # undo (Ctrl+Z)
        ctrl(driver, "y")                                    # redo (Ctrl+Y)
        ctrl(driver, "z", shift=False)
        expect(len(state(driver)) == 17, "Ctrl+Z undid the merge")
        keys(driver, "a")                                    # row 3 approved
        keys(driver, "n")                                    # next unreviewed: row 4 (the addition)
        expect(selected(driver) == 4, f"n went to {selected(driver)}")
        keys(driver, "a", "n", "a", "n")                     # rows 4, 5 approved; on row 6
        expect(selected(driver) == 6, f"second n went to {selected(driver)}")
        keys(driver, "s")                                    # split 6 (en 6 : ja 5,6)
        s = state(driver)
        expect(s[6] == "6|5|unreviewed|edited" and s[7] == "-|6|unreviewed|edited", f"split: {s[5:9]}")
        keys(driver, "j", "l", "[")                          # ja 6 back up: row 7 disappears
        s = state(driver)
        expect(len(s) == 17 and s[6] == "6|5,6|unreviewed|edited", f"move up: {s[5:9]}")
        click(driver, "b-undo")                              # undo (click): split state again
        expect(state(driver)[7] == "-|6|unreviewed|edited", "undo of move (click)")
        click(driver, "b-redo")                              # redo (click)
        expect(state(driver)[6] == "6|5,6|unreviewed|edited", "redo of move (click)")
        expect(selected(driver) == 6, f"after redo the row is selected, not {selected(driver)}")
        keys(driver, "a")                                    # the hand-made 1-2 approved
        click_text(driver, 11, "ja")                         # the omission row (ja 11), Japanese side
        click(driver, "b-up")                                # its sentence joins row 10 (click)
        s = state(driver)
        expect(len(s) == 16 and s[10] == "10|10,11|unreviewed|edited", f"move up (click): {s[9:12]}")
        click(driver, "b-reject")                            # reject (click)
        keys(driver, "u")
        expect(state(driver)[10] == "10|10,11|unreviewed|edited", "undo of reject")
        keys(driver, "r")                                    # reject (key)
        click_text(driver, 12, "ja")                         # en 12 : ja 13,14
        click(driver, "b-down")                              # ja 14 to the next row (click)
        s = state(driver)
        expect(s[12] == "12|13|unreviewed|edited" and s[13] == "13|14,15|unreviewed|edited",
               f"move down (click): {s[11:]}")
        keys(driver, "a", "j", "a")                          # both approved
        click(driver, "b-split")                             # split the 1-2 again (click)
        s = state(driver)
        expect(len(s) == 17 and s[13] == "13|14|unreviewed|edited" and s[14] == "-|15|unreviewed|edited",
               f"split (click): {s[12:]}")
        keys(driver, "u")                                    # undo the split
        click_text(driver, 7, "en")
        click(driver, "b-merge")                             # merge 7 and 8 (click)
        expect(state(driver)[7] == "7,8|7,8|unreviewed|edited", "merge (click)")
        keys(driver, "u")
        keys(driver, "h", "]")                               # row 7: en 7 down (key) -> row 7 = -|7
        expect(state(driver)[7] == "-|7|unreviewed|edited", f"move down (key): {state(driver)[6:9]}")
        keys(driver, "u")
        # Filters: by key and by the list.
        keys(driver, "f")
        low = shown(driver)
        keys(driver, "f")
        with_findings = shown(driver)
        keys(driver, "f")
        expect(shown(driver) == 16, "f cycles back to all rows")
        expect(low == 0, f"no row of the aligner's is below 0.90: {low}")
        expect(with_findings == 2, f"two rows with findings: {with_findings}")
        Select(driver.find_element(By.ID, "filter")).select_by_value("findings")
        expect(shown(driver) == 2, "the filter list shows rows with findings")
        Select(driver.find_element(By.ID, "filter")).select_by_value("all")
        expect(shown(driver) == 16, "the filter list shows all rows")
        driver.find_element(By.TAG_NAME, "body").click()
        click(driver, "b-next")                              # next unreviewed (click)
        nxt = selected(driver)
        final = state(driver)
        expect(final[nxt].split("|")[2] == "unreviewed", "Next unreviewed selects an unreviewed row")

        files = {}
        for button, name in [("b-csv", ".reviewed.csv"), ("b-tmx", ".approved.tmx"), ("b-beads", ".reviewed.align")]:
            base = json.loads(driver.execute_script(
                "return document.getElementById('hashi-data').textContent"))["name"]
            files[button] = download(driver, button, downloads, base + name)

        # Screenshots at a laptop's width and a wide screen's.
        for width, height in [(1366, 860), (2200, 1100)]:
            driver.set_window_size(width, height)
            time.sleep(0.3)
            driver.save_screenshot(os.path.join(shots, f"review-{width}.png"))
        keys(driver, "?")
        driver.save_screenshot(os.path.join(shots, "review-help-2200.png"))
        keys(driver, Keys.ESCAPE)
        driver.set_window_size(1366, 860)

        requests = no_errors_no_network(driver, url)
        # Reload: the work is kept.
        driver.refresh()
        wait(lambda: driver.execute_script("return document.body.dataset.ready === '1'"), "reload")
        expect(state(driver) == final, "the work survives a reload")
        csv_again = download(driver, "b-csv", downloads, os.path.basename(files["b-csv"]) .replace(".csv", ".csv"))
        # Clear: back to the aligner's rows, also after a reload.
        click(driver, "b-clear")
        expect(state(driver) == start, "Clear saved work gives the aligner's rows back")
        driver.refresh()
        wait(lambda: driver.execute_script("return document.body.dataset.ready === '1'"), "reload")
        expect(state(driver) == start, "after clearing, a reload shows the aligner's rows")
        no_errors_no_network(driver, url)
        return {"rows_after_edits": len(final), "requests": requests, "reloaded_csv": csv_again}


def hostile(page, downloads):
    with browser(downloads) as driver:
        url = open_page(driver, page)
        data = json.loads(driver.execute_script("return document.getElementById('hashi-data').textContent"))
        try:
            alert = driver.switch_to.alert
            fail(f"an alert ran: {alert.text}")
        except NoAlertPresentException:
            pass
        counts = driver.execute_script("""return {img: document.querySelectorAll('img').length,
            script: document.querySelectorAll('script').length, textarea: document.querySelectorAll('textarea').length,
            pwned: window.pwned === undefined ? 0 : 1}""")
        expect(counts == {"img": 0, "script": 2, "textarea": 0, "pwned": 0}, f"markup from the text: {counts}")
        shown_en = driver.execute_script(
            "return Array.from(document.querySelectorAll('#rows .en .s')).map(s => s.textContent)")
        shown_ja = driver.execute_script(
            "return Array.from(document.querySelectorAll('#rows .ja .s')).map(s => s.textContent)")
        expect(shown_en == data["en"], f"English shown as written: {shown_en} vs {data['en']}")
        expect(shown_ja == data["ja"], f"Japanese shown as written: {shown_ja} vs {data['ja']}")
        n = len(driver.find_elements(By.CSS_SELECTOR, "#rows .row"))
        for i in range(n):
            keys(driver, "a", "j")
        base = data["name"]
        download(driver, "b-csv", downloads, base + ".reviewed.csv")
        download(driver, "b-tmx", downloads, base + ".approved.tmx")
        no_errors_no_network(driver, url)
        return {"rows": n, "sentences_checked": len(shown_en) + len(shown_ja)}


def read_only(page, downloads):
    with browser(downloads) as driver:
        url = open_page(driver, page)
        expect(driver.title.startswith("hashi check: "), f"title {driver.title!r}")
        start = state(driver)
        for button in ["b-approve", "b-merge", "b-split", "b-undo", "b-clear"]:
            expect(not driver.find_element(By.ID, button).is_displayed(), f"{button} is shown")
        keys(driver, "a", "r", "m", "s", "]", "u")
        ctrl(driver, "z")
        keys(driver, "j", "j")
        expect(state(driver) == start, "a read-only page changed")
        expect(selected(driver) == 2, "navigation works")
        keys(driver, "f", "f")
        with_findings = shown(driver)
        keys(driver, "f")
        expect(driver.execute_script("return localStorage.length") == 0, "a read-only page stored work")
        name = json.loads(driver.execute_script(
            "return document.getElementById('hashi-data').textContent"))["name"]
        download(driver, "b-csv", downloads, name + ".reviewed.csv")
        no_errors_no_network(driver, url)
        return {"rows": len(start), "rows_with_findings": with_findings}


def big(page):
    with browser() as driver:
        url = open_page(driver, page)
        driver.set_script_timeout(300)
        render_ms = float(driver.execute_script("return document.body.dataset.renderMs"))
        script_ms = float(driver.execute_script("return document.body.dataset.scriptMs"))
        rows = len(driver.find_elements(By.CSS_SELECTOR, "#rows .row"))
        # End key: the last row selected and painted.
        end_ms = driver.execute_async_script("""
            var done = arguments[arguments.length - 1];
            var t0 = performance.now();
            document.dispatchEvent(new KeyboardEvent('keydown', {key: 'End', bubbles: true}));
            requestAnimationFrame(function () { requestAnimationFrame(function () {
              var rows = document.querySelectorAll('#rows .row');
              var last = rows[rows.length - 1].getBoundingClientRect();
              done({ms: performance.now() - t0, visible: last.top < innerHeight && last.bottom > 0});
            }); });""")
        expect(end_ms["visible"], "End shows the last row")
        # Scrolling through the whole page, a screenful a frame, back from the top. A frame
        # is asked for each step, with a timer beside it: a browser under load (another
        # test's beside it) can hold its frames back for minutes, even with the flags above,
        # and the step then goes on at the timer, so that the page is still gone through
        # (the frame times are reported, not judged). Where even the timers are held back
        # the scroll stops after 60 s and says how far it got (`complete`): Selenium gives up
        # on a driver call after 120 s, and a clean-clone CI run once took longer here.
        scroll = driver.execute_async_script("""
            var done = arguments[arguments.length - 1];
            window.scrollTo(0, 0);
            var frames = [], last = null, t0 = performance.now();
            function report(complete) {
              frames.sort(function (a, b) { return a - b; });
              done({ms: performance.now() - t0, frames: frames.length, complete: complete,
                    median: frames[frames.length >> 1], p95: frames[Math.floor(frames.length * 0.95)],
                    max: frames[frames.length - 1]});
            }
            function next() {
              var fired = false;
              function go() { if (!fired) { fired = true; tick(performance.now()); } }
              requestAnimationFrame(go);
              setTimeout(go, 100);
            }
            function tick(t) {
              if (last !== null) frames.push(t - last);
              last = t;
              if (window.scrollY + innerHeight >= document.documentElement.scrollHeight - 2) {
                report(true);
                return;
              }
              if (t - t0 > 60000) {
                report(false);
                return;
              }
              window.scrollBy(0, innerHeight);
              next();
            }
            next();""")
        no_errors_no_network(driver, url)
        return {"rows": rows, "first_render_ms": render_ms, "script_ms": script_ms,
                "end_key_ms": round(end_ms["ms"], 1), "scroll": scroll}


def low_filter(page):
    """The low-confidence filter on a page with doubtful rows: as many rows as the page's
    data has scores below 0.90, then the rows with findings, then all rows again."""
    with browser() as driver:
        open_page(driver, page)
        rows = len(driver.find_elements(By.CSS_SELECTOR, "#rows .row"))
        low = driver.execute_script(
            "return JSON.parse(document.getElementById('hashi-data').textContent).scores"
            ".filter(function (s) { return s !== null && parseFloat(s) < 0.9; }).length")
        expect(low >= 1, "the page has a row below 0.90")
        keys(driver, "f")
        expect(shown(driver) == low, f"{low} rows below 0.90, {shown(driver)} shown")
        keys(driver, "f", "f")
        expect(shown(driver) == rows, "all rows again")
        return {"rows": rows, "low": low}


def offline(page):
    with browser() as driver:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        url = open_page(driver, page)
        rows = len(driver.find_elements(By.CSS_SELECTOR, "#rows .row"))
        keys(driver, "a")
        expect("1 approved" in driver.find_element(By.ID, "summary").text, "editing works offline")
        no_errors_no_network(driver, url)
        return {"rows": rows}


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "edits":
        out = edits(*args)
    elif mode == "hostile":
        out = hostile(*args)
    elif mode == "read-only":
        out = read_only(*args)
    elif mode == "big":
        out = big(*args)
    elif mode == "offline":
        out = offline(*args)
    elif mode == "low":
        out = low_filter(*args)
    else:
        fail(f"unknown mode {mode}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
