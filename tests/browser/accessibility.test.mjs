// axe-core in a real browser: zero violations on every page type, light and dark.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import { PAGES, useSite } from "./helpers.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const site = useSite({ browser: true });

/** Runs axe on the loaded page; returns its violations as readable lines. */
async function violations(page) {
  // Evaluated through the DevTools protocol, so the page's strict CSP (no scripts at all)
  // stays as it is.
  await page.evaluate(axeSource);
  // Long sections are laid out only near the screen (content-visibility: auto); lay every one
  // out, so that axe checks colour contrast everywhere, not only in the first screenful.
  // (Setting a style through the CSSOM is not inline style: the CSP allows it.)
  await page.evaluate(() => {
    for (const el of document.querySelectorAll(".category, .sources, .migrations, .snippet")) el.style.contentVisibility = "visible";
  });
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    }),
  );
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("\n    ")}`,
  );
}

for (const scheme of ["light", "dark"]) {
  test(`axe finds no violations on any page type (${scheme})`, async () => {
    const context = await site.browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    const found = [];
    for (const entry of PAGES) {
      const [name, path] = entry;
      await page.goto(site.url(entry));
      for (const line of await violations(page)) found.push(`${name} ${path}: ${line}`);
    }
    // The questionnaire shown again with problems (422).
    await page.goto(site.server.base + "/quiz");
    const submitted = page.waitForURL(/\/quiz$/, { waitUntil: "load" });
    await page.evaluate(() => {
      const form = document.querySelector("form.quiz");
      const bad = document.createElement("input");
      bad.type = "hidden";
      bad.name = "size";
      bad.value = "huge";
      form.append(bad);
      form.submit();
    });
    await submitted;
    await page.waitForSelector(".error-summary");
    assert.match(await page.title(), /Please check your answers/);
    for (const line of await violations(page)) found.push(`quiz (422): ${line}`);
    await context.close();
    assert.deepEqual(found, [], found.join("\n"));
  });
}
