// The journey a person takes, in a real browser, plus keyboard-only use and the 360 px layout.
import assert from "node:assert/strict";
import { test } from "node:test";
import { PAGES, launch, screenshotPath, useSite } from "./helpers.mjs";

const site = useSite({ browser: true });

/** The number of the site's latest scoring model, which the questionnaire's links carry. */
async function latestModel() {
  const response = await fetch(site.server.base + "/api/results");
  return (await response.json()).latest_model;
}

test("home → framework → comparison → only differences → questionnaire → results, shared and edited", async () => {
  const page = await site.browser.newPage();
  await page.goto(site.server.base + "/");
  await page.click(".cards a[href='/frameworks/django']");
  assert.equal(await page.textContent("h1"), "Django");

  await page.click("#compare-heading + ul a[href='/compare/django-vs-flask']");
  assert.match(await page.textContent("h1"), /Django vs Flask/);
  const allRows = await page.locator("table.compare tbody tr").count();
  await page.click(".diff-toggle a");
  assert.match(page.url(), /\/compare\/django-vs-flask\?diff=1$/);
  const differing = await page.locator("table.compare tbody tr").count();
  assert.ok(differing < allRows, `${differing} of ${allRows} rows differ`);
  assert.equal(await page.locator("table.compare tbody tr.differs").count(), differing);

  await page.click("nav a[href='/quiz']");
  for (const id of ["q-size-large", "q-kind-content", "q-admin-yes", "q-experience-new"]) {
    await page.click(`label[for='${id}']`);
  }
  await Promise.all([page.waitForURL(/\/results\?/), page.click("form.quiz button[type=submit]")]);
  const shared = page.url();
  assert.equal(new URL(shared).search, `?size=large&kind=content&admin=yes&experience=new&m=${await latestModel()}`);
  const top = await page.textContent("h1");
  const ranking = await page.locator("ol.ranking li").allTextContents();

  // A colleague opens the link in a browser of their own.
  const other = await launch();
  const colleague = await (await other.newContext()).newPage();
  await colleague.goto(shared);
  assert.equal(await colleague.textContent("h1"), top);
  assert.deepEqual(await colleague.locator("ol.ranking li").allTextContents(), ranking);
  await other.close();

  // Edit the answers: the questionnaire comes back filled in.
  await page.click("a:text('Edit your answers')");
  for (const id of ["q-size-large", "q-kind-content", "q-admin-yes", "q-experience-new", "q-deadline-no-preference"]) {
    assert.equal(await page.isChecked(`#${id}`), true, id);
  }
});

test("the keyboard alone completes the questionnaire, with focus always visible", async () => {
  const page = await site.browser.newPage();
  await page.goto(site.server.base + "/quiz");
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { tag: el.tagName, name: el.getAttribute("name"), type: el.type, outline: style.outlineStyle };
    });
  // Tab to the first question, then choose with the arrow keys.
  let current = await focused();
  for (let i = 0; i < 200 && current.name !== "size"; i++) {
    await page.keyboard.press("Tab");
    current = await focused();
    assert.notEqual(current.outline, "none", `focus is visible on ${current.tag}`);
  }
  assert.equal(current.name, "size");
  await page.keyboard.press("ArrowDown"); // small
  await page.keyboard.press("ArrowDown"); // medium
  await page.keyboard.press("ArrowDown"); // large
  // On to the next question (past the source links in its help text).
  for (let i = 0; i < 50 && current.name !== "kind"; i++) {
    await page.keyboard.press("Tab");
    current = await focused();
  }
  assert.equal(current.name, "kind");
  await page.keyboard.press("ArrowDown"); // api
  for (let i = 0; i < 200 && current.tag !== "BUTTON"; i++) {
    await page.keyboard.press("Tab");
    current = await focused();
  }
  assert.equal(current.tag, "BUTTON");
  await Promise.all([page.waitForURL(/\/results\?/), page.keyboard.press("Enter")]);
  assert.equal(new URL(page.url()).search, `?size=large&kind=api&m=${await latestModel()}`);
});

test("the skip link is the first stop and leads to the main content", async () => {
  const page = await site.browser.newPage();
  await page.goto(site.server.base + "/compare/django-vs-flask");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to main content");
  assert.ok(await page.isVisible(".skip-link"), "visible when focused");
  await page.keyboard.press("Enter");
  assert.match(page.url(), /#main$/);
});

for (const scheme of ["light", "dark"]) {
  test(`at 360 px only tables scroll sideways (${scheme}); screenshots saved`, async () => {
    const context = await site.browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    for (const entry of PAGES) {
      const [name, path] = entry;
      for (const [label, width, height] of [["mobile", 360, 740], ["desktop", 1280, 900]]) {
        await page.setViewportSize({ width, height });
        await page.goto(site.url(entry));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${path} at ${width} px scrolls sideways by ${overflow} px`);
        await page.screenshot({ path: screenshotPath(`${name}-${label}-${scheme}`), fullPage: label === "desktop" });
      }
    }
    await context.close();
  });
}
