//! The parts of results pages that depend only on content, rendered once at start-up: the row
//! of the "why" table for each answer, the hybrid note, and each source's entry in the source
//! list. A results page stitches the rows for its answers into one string and numbers the
//! citations in the order the page shows them (the first source cited is [1]), as every page
//! of the site does. With the rest of the per-request work kept lean, a page for eight answers
//! renders in about 3 µs instead of 20 (`cargo bench`).
//!
//! A part is rendered by its own template with the same macros the rest of the site uses. Where
//! a citation number or a link to a source goes, the template renders a [`SlotNumber`], which
//! writes nothing but records its position; a page later writes the number, or the link with
//! the number in it, there. A link is one slot rather than two numbers with text between them,
//! which halves the pieces a page joins.

use std::cell::RefCell;
use std::fmt;

use askama::Template;
use askama::filters::Safe;

use super::{points_label, push_number};
use crate::answers::Answers;
use crate::catalog::{Effect, Model, Source};
use crate::scoring::{self, Part};
use crate::site::citations::{Anchor, distinct};

/// Every part of a results page that depends only on content.
pub struct Prepared {
    /// Indexed by question, then option.
    rows: Vec<Vec<Cited>>,
    hybrid_note: Option<Cited>,
    /// Indexed like [`Model::sources`].
    source_items: Vec<Cited>,
    /// The link to each number a page can give a source ([`Anchor`]), indexed by the number.
    anchors: Vec<String>,
}

/// Rendered HTML with a slot for the number of each citation in it.
struct Cited {
    html: String,
    slots: Vec<Slot>,
}

#[derive(Clone, Copy)]
struct Slot {
    /// Byte offset in the HTML.
    at: usize,
    /// Position in [`Model::sources`].
    source: usize,
    kind: SlotKind,
}

#[derive(Clone, Copy)]
enum SlotKind {
    /// The source's number: `3`.
    Number,
    /// A link to the source: `<a href="#source-3">[3]</a>`.
    Anchor,
}

/// The longest a slot's text can be: a link with a five-digit number, twice.
const MAX_SLOT_LEN: usize = "<a href=\"#source-\">[]</a>".len() + 2 * 5;

/// Where a part is recorded while its template renders.
#[derive(Default)]
struct Recording {
    html: String,
    slots: Vec<Slot>,
}

/// A citation number a page fills in later: renders as nothing and records where it goes.
#[derive(Clone, Copy)]
struct SlotNumber<'r> {
    source: usize,
    kind: SlotKind,
    recording: &'r RefCell<Recording>,
}

impl fmt::Display for SlotNumber<'_> {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut recording = self.recording.borrow_mut();
        let at = recording.html.len();
        recording.slots.push(Slot {
            at,
            source: self.source,
            kind: self.kind,
        });
        Ok(())
    }
}

/// What the `refs` macro reads: a citation whose link is a slot.
#[derive(Clone, Copy)]
struct SlotRef<'r> {
    source: usize,
    recording: &'r RefCell<Recording>,
}

impl<'r> SlotRef<'r> {
    fn anchor(&self) -> Safe<SlotNumber<'r>> {
        Safe(SlotNumber {
            source: self.source,
            kind: SlotKind::Anchor,
            recording: self.recording,
        })
    }
}

/// What the `source_item` macro reads: a source whose number is a slot.
struct SlotSource<'a, 'r> {
    number: SlotNumber<'r>,
    source: &'a Source,
}

struct RecordingWriter<'r>(&'r RefCell<Recording>);

impl fmt::Write for RecordingWriter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.borrow_mut().html.push_str(s);
        Ok(())
    }
}

/// Slots for these source ids, each source once, as `Citations::refs` numbers them.
fn slot_refs<'r>(
    model: &Model,
    ids: &[String],
    recording: &'r RefCell<Recording>,
) -> Vec<SlotRef<'r>> {
    distinct(ids)
        .filter_map(|id| model.source_position(id))
        .map(|source| SlotRef { source, recording })
        .collect()
}

/// A framework named in a "why" row, with the sources of its own value for the row the
/// effect reads (none for advice about it by name: the advice's sources back it).
struct Member<'a, 'r> {
    name: &'a str,
    refs: Vec<SlotRef<'r>>,
}

/// The frameworks one effect gave the same points, for the same reason.
struct Group<'a, 'r> {
    points: String,
    /// `✔ Built in × 4` for a feature effect, `Microframework: 100% of 3` for a choice effect;
    /// empty for advice about one framework.
    basis: String,
    members: Vec<Member<'a, 'r>>,
}

/// One effect of an answer: its rule, and who earned what from it.
struct EffectView<'a, 'r> {
    reason: &'a str,
    /// The sources of the rule (the advice, or the article behind a property rule).
    refs: Vec<SlotRef<'r>>,
    /// Best first; frameworks it gave nothing come last.
    groups: Vec<Group<'a, 'r>>,
}

/// What one answer did: each of its effects, with the frameworks grouped by the points they
/// earned, so that a row stays readable however many frameworks the model ranks.
struct WhyRow<'a, 'r> {
    prompt: &'a str,
    answer: &'a str,
    effects: Vec<EffectView<'a, 'r>>,
}

#[derive(Template)]
#[template(path = "results/_why_row.html")]
struct RowTemplate<'a, 'r> {
    row: WhyRow<'a, 'r>,
}

#[derive(Template)]
#[template(path = "results/_hybrid.html")]
struct HybridTemplate<'a, 'r> {
    note: &'a str,
    refs: Vec<SlotRef<'r>>,
}

#[derive(Template)]
#[template(path = "results/_source_item.html")]
struct SourceItemTemplate<'a, 'r> {
    s: SlotSource<'a, 'r>,
}

/// Renders a template whose slots record into `recording`.
fn record(
    recording: &RefCell<Recording>,
    template: &impl Template,
) -> Result<Cited, askama::Error> {
    template.render_into(&mut RecordingWriter(recording))?;
    let Recording { html, slots } = recording.take();
    Ok(Cited { html, slots })
}

impl Prepared {
    pub fn new(model: &Model) -> Result<Prepared, askama::Error> {
        let questionnaire = &model.questionnaire;
        let recording = RefCell::new(Recording::default());
        let rows = questionnaire
            .questions
            .iter()
            .enumerate()
            .map(|(qi, question)| {
                (0..question.options.len())
                    .map(|oi| {
                        record(
                            &recording,
                            &RowTemplate {
                                row: why_row(model, qi, oi, &recording),
                            },
                        )
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .collect::<Result<Vec<_>, _>>()?;
        let hybrid_note = questionnaire
            .hybrid
            .as_ref()
            .map(|hybrid| {
                record(
                    &recording,
                    &HybridTemplate {
                        note: &hybrid.note,
                        refs: slot_refs(model, &hybrid.sources, &recording),
                    },
                )
            })
            .transpose()?;
        let source_items = model
            .sources
            .iter()
            .enumerate()
            .map(|(position, source)| {
                record(
                    &recording,
                    &SourceItemTemplate {
                        s: SlotSource {
                            number: SlotNumber {
                                source: position,
                                kind: SlotKind::Number,
                                recording: &recording,
                            },
                            source,
                        },
                    },
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        let anchors = (0..=model.sources.len())
            .map(|number| Anchor(number).to_string())
            .collect();
        Ok(Prepared {
            rows,
            hybrid_note,
            source_items,
            anchors,
        })
    }

    /// The parts of one results page that cite, with their citations numbered in the order
    /// the page shows them: the hybrid note (when `hybrid`), the "why" rows for `answers`,
    /// then the source list.
    pub fn stitch(&self, model: &Model, answers: &Answers, hybrid: bool) -> Stitched {
        let mut numbering = Numbering::new(model, &self.anchors);
        let hybrid = self.hybrid_note.as_ref().filter(|_| hybrid).map(|note| {
            let mut html = String::with_capacity(note.max_len());
            note.write(&mut html, &mut numbering);
            Safe(html)
        });
        let rows = || {
            answers
                .iter()
                .map(|(question, option)| &self.rows[question][option])
        };
        let mut why = String::with_capacity(rows().map(Cited::max_len).sum());
        for row in rows() {
            row.write(&mut why, &mut numbering);
        }
        let cited = numbering.cited.len();
        let mut sources = String::with_capacity(
            numbering
                .cited
                .iter()
                .map(|&s| self.source_items[s].max_len())
                .sum(),
        );
        // Writing an entry numbers only its own source, which is already numbered, so the
        // list does not grow while it is written.
        for i in 0..cited {
            self.source_items[numbering.cited[i]].write(&mut sources, &mut numbering);
        }
        Stitched {
            hybrid,
            why: Safe(why),
            sources: Safe(sources),
        }
    }
}

/// The citing parts of one results page, as HTML to write as is.
pub struct Stitched {
    pub hybrid: Option<Safe<String>>,
    /// The rows of the "why" table, one per answer, in question order.
    pub why: Safe<String>,
    /// The entries of the source list, in number order.
    pub sources: Safe<String>,
}

impl Stitched {
    /// Their length in bytes.
    pub fn len(&self) -> usize {
        self.hybrid.as_ref().map_or(0, |h| h.0.len()) + self.why.0.len() + self.sources.0.len()
    }
}

/// What one answer did to each framework, as the table shows it.
fn why_row<'a, 'r>(
    model: &'a Model,
    question: usize,
    option: usize,
    recording: &'r RefCell<Recording>,
) -> WhyRow<'a, 'r> {
    let q = &model.questionnaire.questions[question];
    let effects = scoring::answer_effects(model, question, option);
    let count = q.options[option].effects.len();
    WhyRow {
        prompt: &q.prompt,
        answer: &q.options[option].label,
        effects: (0..count)
            .map(|effect| {
                // Each framework's part of this effect (advice by name has one).
                let mut parts: Vec<(usize, &Part<'a>)> = effects
                    .parts
                    .iter()
                    .enumerate()
                    .flat_map(|(f, parts)| {
                        parts
                            .iter()
                            .filter(|p| p.effect == effect)
                            .map(move |p| (f, p))
                    })
                    .collect();
                // Best first; equal points for the same reason together, by slug.
                parts.sort_by_cached_key(|(f, p)| (std::cmp::Reverse(p.centi), part_basis(p), *f));
                // Advice about one framework by name: its sources back the one framework it
                // names, which has no value of its own to cite.
                let by_name = matches!(q.options[option].effects[effect], Effect::Framework { .. });
                let (reason, rule) = parts.first().map_or(("", &[][..]), |(_, p)| {
                    (p.reason, if by_name { p.sources } else { p.rule_sources })
                });
                let mut groups: Vec<Group<'a, 'r>> = Vec::new();
                for (f, part) in parts {
                    let points = points_label(part.centi);
                    let basis = part_basis(part);
                    let member = Member {
                        name: &model.frameworks[f].name,
                        refs: if by_name {
                            Vec::new()
                        } else {
                            slot_refs(model, part.sources, recording)
                        },
                    };
                    match groups.last_mut() {
                        Some(g) if g.points == points && g.basis == basis => g.members.push(member),
                        _ => groups.push(Group {
                            points,
                            basis,
                            members: vec![member],
                        }),
                    }
                }
                EffectView {
                    reason,
                    refs: slot_refs(model, rule, recording),
                    groups,
                }
            })
            .collect(),
    }
}

/// `✓ Built in × 4` for a feature effect, `Microframework: 100% of 3` for a choice effect;
/// empty for article advice.
fn part_basis(part: &Part<'_>) -> String {
    if let Some((label, share)) = part.choice {
        return format!("{label}: {share}% of {}", part.weight);
    }
    part.support
        .map(|level| format!("{} {} × {}", level.symbol(), level.label(), part.weight))
        .unwrap_or_default()
}

/// One page's citation numbers: each source gets the next number where the page first cites it.
struct Numbering<'p> {
    /// Per source position; 0 while the page has not cited it.
    numbers: Vec<u16>,
    /// Source positions in the order of their numbers.
    cited: Vec<usize>,
    /// [`Prepared::anchors`].
    anchors: &'p [String],
}

impl<'p> Numbering<'p> {
    fn new(model: &Model, anchors: &'p [String]) -> Numbering<'p> {
        Numbering {
            numbers: vec![0; model.sources.len()],
            cited: Vec::with_capacity(32),
            anchors,
        }
    }

    fn number(&mut self, source: usize) -> u16 {
        if self.numbers[source] == 0 {
            self.cited.push(source);
            self.numbers[source] = u16::try_from(self.cited.len()).unwrap_or(u16::MAX);
        }
        self.numbers[source]
    }

    /// Appends a slot's text: its source's number, or the link with it.
    fn write(&mut self, out: &mut String, slot: Slot) {
        let number = self.number(slot.source);
        match slot.kind {
            SlotKind::Number => push_number(out, number.into()),
            // The table covers every number a page can give: at most one per source.
            SlotKind::Anchor => out.push_str(&self.anchors[usize::from(number)]),
        }
    }
}

impl Cited {
    /// The most bytes [`Cited::write`] can append: the HTML and the longest text of each slot.
    fn max_len(&self) -> usize {
        self.html.len() + MAX_SLOT_LEN * self.slots.len()
    }

    /// Appends the HTML to `out`, each slot filled in for this page.
    fn write(&self, out: &mut String, numbering: &mut Numbering) {
        let mut from = 0;
        for &slot in &self.slots {
            out.push_str(&self.html[from..slot.at]);
            numbering.write(out, slot);
            from = slot.at;
        }
        out.push_str(&self.html[from..]);
    }
}
