// The Nu Html Checker (vnu.jar, run with the machine's Java): zero errors on every page type.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { PAGES, useSite } from "./helpers.mjs";

const vnu = createRequire(import.meta.url)("vnu-jar");

const site = useSite();

test("the Nu Html Checker reports no errors on any page type", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "vnu-"));
  const files = [];
  for (const entry of PAGES) {
    const name = entry[0];
    const html = await (await fetch(site.url(entry))).text();
    const file = path.join(dir, `${name}.html`);
    writeFileSync(file, html);
    files.push(file);
  }
  const invalid = await fetch(site.server.base + "/quiz", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "size=huge&admin=yes",
  });
  assert.equal(invalid.status, 422);
  const file = path.join(dir, "quiz-422.html");
  writeFileSync(file, await invalid.text());
  files.push(file);

  let output;
  try {
    output = execFileSync("java", ["-jar", vnu, "--format", "json", "--errors-only", ...files], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e) {
    // vnu exits 1 when it finds errors and writes its JSON report to stderr.
    output = e.stderr || e.stdout;
  }
  const messages = JSON.parse(output || '{"messages":[]}').messages.filter((m) => m.type === "error");
  const lines = messages.map((m) => `${path.basename(m.url ?? "")}:${m.lastLine}: ${m.message}`);
  assert.deepEqual(lines, [], lines.join("\n"));
});
