// Runs the MDN HTTP Observatory's own tests against a local server on any port.
// The package's CLI scans only the default ports, so this calls its retriever with the port
// and a path, then applies every test exactly as its scanner does.
// Usage: node observatory.mjs PACKAGE_DIR HOST PORT PATH...
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pkg, host, port, ...paths] = process.argv.slice(2);
const load = (file) => import(pathToFileURL(path.join(pkg, "src", file)).href);
const { retrieve } = await load("retriever/retriever.js");
const { ALL_TESTS } = await load("constants.js");

// These two need TLS: plain HTTP cannot pass them.
const NEEDS_TLS = new Set(["redirectionTest", "strictTransportSecurityTest"]);
let failed = 0;
for (const p of paths) {
  // The HTTPS side is pointed at a closed port, as plain HTTP is all there is.
  const r = await retrieve(host, { httpPort: port, httpsPort: "1", path: p });
  if (!r.responses.auto) {
    console.log(`${p}: no response`);
    failed++;
    continue;
  }
  for (const test of ALL_TESTS) {
    const out = test(r);
    const name = out.name ?? test.name;
    const tls = NEEDS_TLS.has(name);
    const verdict = out.pass ? "pass" : tls ? "fail (needs TLS)" : "FAIL";
    if (!out.pass && !tls) failed++;
    console.log(`${p}\t${name}\t${verdict}\t${out.result}`);
  }
}
console.log(failed === 0 ? "observatory: every test that plain HTTP allows passes" : `observatory: ${failed} failures`);
process.exit(failed === 0 ? 0 : 1);
