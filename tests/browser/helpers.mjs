// Shared helpers: start the release binary on a free port, launch Debian's Chromium, and the
// list of page types every check walks over.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, "..", "..");
export const screenshots = path.join(repo, "target", "screenshots");

/** Starts the server (over `content`, a directory, when given); resolves to { base, stop }. */
export function startServer(content) {
  const binary = path.join(repo, "target", "release", "pychooser");
  const args = ["--addr", "127.0.0.1:0", ...(content ? ["--content", content] : [])];
  const child = spawn(binary, args, {
    env: { ...process.env, RUST_LOG: "warn,pychooser=info" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 10_000);
    child.stderr.on("data", (chunk) => {
      log += chunk;
      const match = /listening on (http:\/\/[\d.:]+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve({
          base: match[1],
          stop: () =>
            new Promise((done) => {
              child.once("exit", done);
              child.kill("SIGTERM");
            }),
        });
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code}):\n${log}`)));
  });
}

/** Debian's Chromium with flags that work offline here; each launch has a fresh profile. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export function screenshotPath(name) {
  mkdirSync(screenshots, { recursive: true });
  return path.join(screenshots, `${name}.png`);
}

/**
 * A copy of the shipped content whose scoring differs from model 1 (one weight of "size =
 * small" changed), so that it is an unpublished model 2 and links without `m` are old links.
 */
export function contentWithASecondModel() {
  const dir = mkdtempSync(path.join(tmpdir(), "content-"));
  cpSync(path.join(repo, "content"), dir, { recursive: true });
  const file = path.join(dir, "questionnaire.toml");
  writeFileSync(file, readFileSync(file, "utf8").replace("points = 3", "points = 4"));
  return dir;
}

/**
 * Starts the servers (and a browser, if asked) before a file's tests and stops them after:
 * `server` over the shipped content, `models` over content with a second scoring model.
 * Returns an object whose `server`, `models` ({ base, stop }) and `browser` are set once
 * started; `site.url(entry)` is the address of a `PAGES` entry.
 */
export function useSite({ browser = false } = {}) {
  const site = {
    server: null,
    models: null,
    browser: null,
    url: ([, path, server]) => (server === "models" ? site.models : site.server).base + path,
  };
  before(async () => {
    site.server = await startServer();
    site.models = await startServer(contentWithASecondModel());
    if (browser) site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.stop();
    await site.models?.stop();
  });
  return site;
}

/** Every page type: [name, path, and "models" for the server with a second scoring model]. */
export const PAGES = [
  ["home", "/"],
  ["frameworks", "/frameworks"],
  ["frameworks-filtered", "/frameworks?has=websockets&status=stable&sort=first_release"],
  ["framework", "/frameworks/django"],
  ["framework-with-status-news", "/frameworks/masonite"],
  ["not-compared", "/not-compared"],
  ["picker", "/compare"],
  ["compare", "/compare/django-vs-flask"],
  ["compare-diff", "/compare/django-vs-fastapi-vs-flask?diff=1"],
  ["compare-4", "/compare/django-vs-fastapi-vs-flask-vs-litestar"],
  ["compare-4-status-news", "/compare/aiohttp-vs-blacksheep-vs-masonite-vs-robyn"],
  ["tasks", "/tasks"],
  ["task", "/tasks/crud"],
  ["task-side-by-side", "/tasks/crud?fw=django&fw=flask"],
  ["quiz", "/quiz"],
  ["weights", "/quiz/weights"],
  ["weights-model-1", "/quiz/weights?m=1"],
  ["models", "/quiz/models"],
  ["results", "/results?size=large&kind=api&admin=yes&experience=seasoned&structure=freedom&colour=blue"],
  ["results-empty", "/results"],
  ["results-old-model", "/results?size=small&admin=yes", "models"],
  ["results-unknown-model", "/results?size=small&m=no-such-model", "models"],
  ["weights-old-model", "/quiz/weights?m=1", "models"],
  ["models-two", "/quiz/models", "models"],
  ["not-found", "/frameworks/rails"],
];
