// Shared helpers: start the release binary on a free port, launch Debian's Chromium, and the
// list of page types every check walks over.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, "..", "..");
export const screenshots = path.join(repo, "target", "screenshots");

/** Starts the server; resolves to { base, stop }. */
export function startServer() {
  const binary = path.join(repo, "target", "release", "pychooser");
  const child = spawn(binary, ["--addr", "127.0.0.1:0"], {
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
 * Starts the server (and a browser, if asked) before a file's tests and stops them after.
 * Returns an object whose `server` ({ base, stop }) and `browser` are set once started.
 */
export function useSite({ browser = false } = {}) {
  const site = { server: null, browser: null };
  before(async () => {
    site.server = await startServer();
    if (browser) site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.stop();
  });
  return site;
}

/** Every page type: [name, path]. */
export const PAGES = [
  ["home", "/"],
  ["frameworks", "/frameworks"],
  ["framework", "/frameworks/django"],
  ["picker", "/compare"],
  ["compare", "/compare/django-vs-flask"],
  ["compare-diff", "/compare/django-vs-fastapi-vs-flask?diff=1"],
  ["quiz", "/quiz"],
  ["weights", "/quiz/weights"],
  ["results", "/results?size=large&kind=api&admin=yes&experience=seasoned&structure=freedom&colour=blue"],
  ["results-empty", "/results"],
  ["not-found", "/frameworks/rails"],
];
