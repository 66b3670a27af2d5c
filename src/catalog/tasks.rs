//! The tasks every framework is shown doing, and each framework's snippet for each: code that
//! the conformance suite (`tests/conformance`) installs, serves and checks, with the record of
//! the versions it last passed with.

use std::sync::OnceLock;

use serde::Serialize;

/// A task, as `tasks.toml` defines it (ids fixed by the SPEC).
#[derive(Debug, Clone, Serialize)]
pub struct Task {
    pub id: String,
    pub title: String,
    /// What the snippet must do, as the suite checks it.
    pub asks: String,
    /// Why a developer cares.
    pub why: String,
}

/// One framework doing one task, or why it cannot.
#[derive(Debug, Clone)]
pub enum Snippet {
    Code(Code),
    /// No maintained way to do the task exists in the framework.
    Unsupported {
        why: String,
        sources: Vec<String>,
    },
}

/// A snippet's files and how it is served.
#[derive(Debug, Clone)]
pub struct Code {
    /// The code files, the main one (`file` in `snippet.toml`) first, then the rest by path.
    pub files: Vec<CodeFile>,
    /// `requirements.txt` as written: every package pinned.
    pub requirements: String,
    /// The command that serves it on `$PORT` (for `testing`, that runs the test).
    pub run: String,
    pub sources: Vec<String>,
    pub note: Option<String>,
    /// Lines of code in every file written by hand: blank lines, comments and generated
    /// files left out.
    pub lines: usize,
    pub verified: Verified,
}

impl Code {
    /// The main file.
    pub fn main(&self) -> &CodeFile {
        &self.files[0]
    }
}

/// One file of a snippet.
#[derive(Debug, Clone)]
pub struct CodeFile {
    /// Its path inside the snippet's directory (`app.py`, `templates/hello.html`).
    pub path: String,
    pub text: String,
    /// Made by a tool (a migration written by `makemigrations`, say): shown, not counted.
    pub generated: bool,
    /// Its lines of code (0 when generated).
    pub lines: usize,
    /// The file as HTML, highlighted on first use and then shared by every page that shows
    /// it (a snippet appears on its task's page and on every side-by-side view of it).
    html: OnceLock<String>,
}

impl CodeFile {
    pub fn new(path: String, text: String, generated: bool, lines: usize) -> CodeFile {
        CodeFile {
            path,
            text,
            generated,
            lines,
            html: OnceLock::new(),
        }
    }

    /// The file as HTML (see [`crate::highlight`]), made once.
    pub fn html(&self) -> &str {
        self.html
            .get_or_init(|| crate::highlight::to_html(&self.text, self.is_python()))
    }

    /// Whether the file is Python (and so highlighted as Python).
    pub fn is_python(&self) -> bool {
        std::path::Path::new(&self.path)
            .extension()
            .is_some_and(|ext| ext == "py")
    }
}

/// What the conformance suite last ran the snippet with (`verified.toml`).
#[derive(Debug, Clone, Serialize)]
pub struct Verified {
    /// The package versions, in `requirements.txt` order.
    pub versions: Vec<(String, String)>,
    pub python: String,
    /// The day it passed (YYYY-MM-DD).
    pub date: String,
}

/// Lines of code in a file: lines that hold something other than blanks and comments.
/// Python comments start with `#`; a template line that is wholly a `{# … #}` or `<!-- … -->`
/// comment is left out too. (A line-counting crate such as tokei would bring dozens of
/// languages and dependencies for these two rules.)
pub fn lines_of_code(path: &str, text: &str) -> usize {
    let python = path.ends_with(".py");
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .filter(|line| {
            if python {
                !line.starts_with('#')
            } else {
                !((line.starts_with("{#") && line.ends_with("#}"))
                    || (line.starts_with("<!--") && line.ends_with("-->")))
            }
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::lines_of_code;

    #[test]
    fn blank_lines_and_comments_are_not_code() {
        let python =
            "import x\n\n# a comment\n    # indented comment\ndef f():\n    return 1  # trailing\n";
        assert_eq!(lines_of_code("app.py", python), 3);
        let template = "<!doctype html>\n{# a note #}\n<!-- a comment -->\n\n<p>{{ name }}</p>\n";
        assert_eq!(lines_of_code("templates/hello.html", template), 2);
        // `#` starts a comment only in Python.
        assert_eq!(lines_of_code("hello.html", "# heading\n"), 1);
    }
}
