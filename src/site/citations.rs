//! Numbered source references for one page: the first source cited becomes [1], and the page
//! ends with the list the numbers point to.

use std::fmt;

use askama::filters::Safe;

use crate::catalog::{Source, SourceBook};

/// A link from a claim to the numbered source list at the bottom of the page.
#[derive(Debug, Clone, Copy)]
pub struct Ref {
    pub number: usize,
}

impl Ref {
    /// The link, as the `refs` macro writes it.
    pub fn anchor(self) -> Safe<Anchor> {
        Safe(Anchor(self.number))
    }
}

/// The link to source `n` in the page's source list: `<a href="#source-3">[3]</a>`.
#[derive(Debug, Clone, Copy)]
pub struct Anchor(pub usize);

impl fmt::Display for Anchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<a href=\"#source-{0}\">[{0}]</a>", self.0)
    }
}

#[derive(Debug)]
pub struct NumberedSource<'a> {
    pub number: usize,
    pub source: &'a Source,
}

pub struct Citations<'a> {
    book: &'a dyn SourceBook,
    cited: Vec<&'a Source>,
}

impl<'a> Citations<'a> {
    /// Citations of the sources in `book`: the catalog, or a scoring model's own list.
    pub fn new(book: &'a dyn SourceBook) -> Citations<'a> {
        Citations {
            book,
            cited: Vec::new(),
        }
    }

    /// Numbers for these source ids, numbering sources on first use. Ids are validated when
    /// the catalog loads, so an unknown id cannot occur; it would be skipped.
    pub fn refs(&mut self, ids: &[String]) -> Vec<Ref> {
        distinct(ids)
            .filter_map(|id| {
                let source = self.book.source(id)?;
                let position = self
                    .cited
                    .iter()
                    .position(|s| s.id == source.id)
                    .unwrap_or_else(|| {
                        self.cited.push(source);
                        self.cited.len() - 1
                    });
                Some(Ref {
                    number: position + 1,
                })
            })
            .collect()
    }

    pub fn into_list(self) -> Vec<NumberedSource<'a>> {
        self.cited
            .into_iter()
            .enumerate()
            .map(|(i, source)| NumberedSource {
                number: i + 1,
                source,
            })
            .collect()
    }
}

/// Each id once, in order of first appearance: a claim cites a source once.
pub fn distinct(ids: &[String]) -> impl Iterator<Item = &String> {
    ids.iter()
        .enumerate()
        .filter(|(i, id)| !ids[..*i].contains(id))
        .map(|(_, id)| id)
}
