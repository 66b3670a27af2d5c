use std::fmt;

/// One problem in the content, located precisely enough to fix it without searching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    /// The file, as a path under the content directory's root (`content/frameworks/flask.toml`).
    pub file: String,
    /// The entry inside the file (`feature "admin"`, `values.orm`, `strengths #2`), or empty
    /// when the problem is the file as a whole.
    pub entry: String,
    /// The field inside the entry, or empty when the entry as a whole is wrong.
    pub field: String,
    pub reason: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if !self.entry.is_empty() {
            write!(f, ": {}", self.entry)?;
        }
        if !self.field.is_empty() {
            write!(f, ": field `{}`", self.field)?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// Every problem found in one pass over the content (loading never stops at the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentErrors(pub Vec<ContentError>);

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for error in &self.0 {
            writeln!(f, "{error}")?;
        }
        let n = self.0.len();
        write!(
            f,
            "{n} problem{} found in the content",
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for ContentErrors {}
