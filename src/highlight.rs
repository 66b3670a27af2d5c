//! Code as HTML: Python highlighted by tree-sitter's Python grammar and its own highlight
//! query, anything else escaped. Each highlighted token is a `<span class="hl-…">`; the one
//! stylesheet colours the classes in light and dark. Imports nothing from the crate.

use std::sync::LazyLock;

use tree_sitter_highlight::{HighlightConfiguration, Highlighter, HtmlRenderer};

/// The captures of the grammar's query that get a colour, as CSS classes. Names, operators
/// and punctuation stay plain: colouring them adds markup without helping a reader.
const STYLED: [(&str, &str); 9] = [
    ("comment", "hl-comment"),
    ("constant", "hl-constant"),
    ("constructor", "hl-type"),
    ("escape", "hl-constant"),
    ("function", "hl-function"),
    ("keyword", "hl-keyword"),
    ("number", "hl-constant"),
    ("string", "hl-string"),
    ("type", "hl-type"),
];

/// The `class` attribute of each styled capture, in [`STYLED`] order.
static ATTRIBUTES: LazyLock<Vec<String>> = LazyLock::new(|| {
    STYLED
        .iter()
        .map(|(_, class)| format!("class=\"{class}\""))
        .collect()
});

/// The Python grammar with its highlight query, compiled once.
static PYTHON: LazyLock<Option<HighlightConfiguration>> = LazyLock::new(|| {
    let mut config = HighlightConfiguration::new(
        tree_sitter_python::LANGUAGE.into(),
        "python",
        tree_sitter_python::HIGHLIGHTS_QUERY,
        "",
        "",
    )
    .ok()?;
    let names: Vec<&str> = STYLED.iter().map(|(name, _)| *name).collect();
    config.configure(&names);
    Some(config)
});

/// `code` as HTML: highlighted when `python`, escaped otherwise (and escaped too should the
/// highlighter fail, which shows the code rather than nothing).
pub fn to_html(code: &str, python: bool) -> String {
    if python && let Some(html) = highlight_python(code) {
        return html;
    }
    escape(code)
}

fn highlight_python(code: &str) -> Option<String> {
    let config = PYTHON.as_ref()?;
    let mut highlighter = Highlighter::new();
    let events = highlighter
        .highlight(config, code.as_bytes(), None, None, |_| None)
        .ok()?;
    let mut renderer = HtmlRenderer::new();
    renderer
        .render(events, code.as_bytes(), &|highlight, out: &mut Vec<u8>| {
            out.extend_from_slice(ATTRIBUTES[highlight.0].as_bytes());
        })
        .ok()?;
    String::from_utf8(renderer.html).ok()
}

fn escape(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 8);
    for c in code.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn python_is_highlighted_and_escaped() {
        let html = to_html("# greet\nif x < 1:\n    print(\"<b>\")\n", true);
        assert!(
            html.contains("<span class=\"hl-comment\"># greet</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-keyword\">if</span>"),
            "{html}"
        );
        assert!(html.contains("&lt;"), "{html}");
        assert!(html.contains("&quot;&lt;b&gt;&quot;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }

    #[test]
    fn other_files_are_escaped_only() {
        assert_eq!(
            to_html("<p>{{ name }}</p>", false),
            "&lt;p&gt;{{ name }}&lt;/p&gt;"
        );
    }
}
