//! The shape of the code: dependencies run one way. Reads `src/` as text and finds which
//! module each module refers to (`crate::…` and `super::…` paths, `use` trees included).
//! A module and the modules inside it count as one (a parent and its children may refer to
//! each other); between any other two modules, references go one way only, and the crate's
//! top-level modules refer only to those below them in the order the crate doc gives.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level modules from the bottom up, as `src/lib.rs` lists them.
const LAYERS: [&str; 11] = [
    "printable",
    "highlight",
    "http",
    "catalog",
    "compare",
    "listing",
    "answers",
    "scoring",
    "store",
    "site",
    "serve",
];

/// Module path (`site::layers`) → source text, tests left out.
fn modules() -> BTreeMap<String, String> {
    let mut modules = BTreeMap::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let Some(stem) = relative.strip_suffix(".rs") else {
                continue;
            };
            if stem == "main" {
                continue;
            }
            let name = match stem {
                "lib" => String::new(),
                _ => stem.trim_end_matches("/mod").replace('/', "::"),
            };
            let text = std::fs::read_to_string(&path).unwrap();
            // Unit tests may reach into their parent; they are not part of the shape.
            let text = text.split("#[cfg(test)]").next().unwrap_or("").to_owned();
            modules.insert(name, text);
        }
    }
    modules
}

/// The modules `text` (the source of module `at`) refers to.
fn references(at: &str, text: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let parent = at.rsplit_once("::").map_or("", |(p, _)| p).to_owned();
    let mut found = BTreeSet::new();
    // The longest known module that `base::path` starts with.
    let resolve = |base: &str, path: &[&str]| -> String {
        let mut best = base.to_owned();
        let mut current = base.to_owned();
        for segment in path {
            current = if current.is_empty() {
                (*segment).to_owned()
            } else {
                format!("{current}::{segment}")
            };
            if known.contains(&current) {
                best.clone_from(&current);
            } else {
                break;
            }
        }
        best
    };
    let bytes = text.as_bytes();
    for (prefix, base) in [("crate::", String::new()), ("super::", parent)] {
        let mut from = 0;
        while let Some(i) = text[from..].find(prefix) {
            let start = from + i + prefix.len();
            from = start;
            // Only whole path starts: not `xcrate::`.
            let before = (from - prefix.len()).checked_sub(1).map(|b| bytes[b]);
            if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_') {
                continue;
            }
            let rest = &text[start..];
            // The path up to a `{` group or its end: `http::{etag, limits}`, `catalog::Catalog`.
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            let path: Vec<&str> = rest[..end].split("::").filter(|s| !s.is_empty()).collect();
            if let Some(group) = rest[end..].strip_prefix('{') {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                for item in group.split(',') {
                    let mut full = path.clone();
                    full.extend(
                        item.trim()
                            .split("::")
                            .map(str::trim)
                            .filter(|s| *s != "self"),
                    );
                    found.insert(resolve(&base, &full));
                }
            } else {
                found.insert(resolve(&base, &path));
            }
        }
    }
    found.remove(at);
    found
}

fn within(inner: &str, outer: &str) -> bool {
    outer.is_empty() || inner == outer || inner.starts_with(&format!("{outer}::"))
}

#[test]
fn no_two_modules_refer_to_each_other_and_layers_point_down() {
    let modules = modules();
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    for layer in LAYERS {
        assert!(known.contains(layer), "{layer} is a module");
    }
    let edges: BTreeMap<&String, BTreeSet<String>> = modules
        .iter()
        .map(|(name, text)| (name, references(name, text, &known)))
        .collect();
    assert!(
        edges[&"site::layers".to_owned()].contains("http::etag"),
        "the reader finds references ({:?})",
        edges[&"site::layers".to_owned()]
    );
    let mut problems = Vec::new();
    for (a, targets) in &edges {
        for b in targets {
            if within(a, b) || within(b, a) {
                continue;
            }
            if edges.get(b).is_some_and(|back| back.contains(a.as_str())) && a.as_str() < b.as_str()
            {
                problems.push(format!("{a} and {b} refer to each other"));
            }
            let top = |m: &str| m.split("::").next().unwrap_or("").to_owned();
            let (from, to) = (top(a), top(b));
            let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
            if from != to
                && let (Some(from_rank), Some(to_rank)) = (rank(&from), rank(&to))
                && to_rank > from_rank
            {
                problems.push(format!("{a} refers to {b}, which is above it"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
