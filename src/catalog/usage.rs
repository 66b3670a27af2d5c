//! Usage figures (`usage.toml`): what share of a survey's respondents said they use each
//! framework, always with that survey's own definition (who was asked, when, how many, whether
//! answers could be several). Figures from different surveys count different things, so they
//! are shown side by side and never added, averaged or ranked together.

use serde::Serialize;

/// One survey edition and the shares it published.
#[derive(Debug, Clone, Serialize)]
pub struct Survey {
    pub id: String,
    pub name: String,
    pub run_by: String,
    /// What was asked, in our words, to follow "asked respondents" ("which web frameworks
    /// they use").
    pub question: String,
    /// How many answered, as the sources state it.
    pub respondents: String,
    /// When the answers were collected, as the sources state it (YYYY-MM to YYYY-MM).
    pub fieldwork: String,
    /// When the results were published (YYYY, YYYY-MM or YYYY-MM-DD).
    pub published: String,
    /// Whether a respondent could name several frameworks (so shares add up past 100%).
    pub multiple: bool,
    /// What the sources leave open or how we read them.
    pub note: String,
    pub sources: Vec<String>,
    /// The published shares, in percent, by index into [`super::Catalog::frameworks`]; a
    /// framework the survey does not list has none.
    #[serde(skip)]
    pub shares: Vec<(usize, u8)>,
}

impl Survey {
    /// This survey's share for a framework, if it lists one.
    pub fn share(&self, framework: usize) -> Option<u8> {
        self.shares
            .iter()
            .find(|(f, _)| *f == framework)
            .map(|(_, share)| *share)
    }
}
