//! Loading `usage.toml`: survey editions with their method and the shares they published.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{FileRole, Loader};
use crate::catalog::Framework;
use crate::catalog::usage::Survey;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUsageFile {
    survey: Vec<RawSurvey>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSurvey {
    id: String,
    name: String,
    run_by: String,
    question: String,
    respondents: String,
    fieldwork: String,
    published: String,
    multiple: bool,
    note: String,
    sources: Vec<String>,
    share: BTreeMap<String, i64>,
}

impl Loader<'_> {
    pub(super) fn load_usage(
        &mut self,
        file: &str,
        table: &toml::Table,
        frameworks: &[Framework],
    ) -> Vec<Survey> {
        let Some(raw) = self.typed::<RawUsageFile>(file, table, FileRole::Usage) else {
            return Vec::new();
        };
        let mut surveys: Vec<Survey> = Vec::new();
        for s in raw.survey {
            let entry = format!("survey \"{}\"", s.id);
            self.id(file, &entry, "id", &s.id, super::IdKind::Source);
            if surveys.iter().any(|known| known.id == s.id) {
                self.error(file, &entry, "id", "duplicate survey id");
                continue;
            }
            for (field, text) in [
                ("name", &s.name),
                ("run_by", &s.run_by),
                ("question", &s.question),
                ("respondents", &s.respondents),
                ("fieldwork", &s.fieldwork),
                ("note", &s.note),
            ] {
                self.text(file, &entry, field, text);
            }
            if !crate::catalog::is_date(&s.published, false) {
                let reason = format!(
                    "\"{}\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                    s.published
                );
                self.error(file, &entry, "published", reason);
            }
            self.cite(file, &entry, "sources", &s.sources);
            if s.share.is_empty() {
                self.error(file, &entry, "share", "list at least one framework's share");
            }
            let mut shares = Vec::new();
            for (slug, percent) in s.share {
                let field = format!("share.{slug}");
                let Some(percent) = u8::try_from(percent).ok().filter(|p| *p <= 100) else {
                    let reason = format!("{percent} is not a percentage from 0 to 100");
                    self.error(file, &entry, &field, reason);
                    continue;
                };
                if let Some(f) = self.framework(file, &entry, &field, &slug, frameworks) {
                    shares.push((f, percent));
                }
            }
            surveys.push(Survey {
                id: s.id,
                name: s.name,
                run_by: s.run_by,
                question: s.question,
                respondents: s.respondents,
                fieldwork: s.fieldwork,
                published: s.published,
                multiple: s.multiple,
                note: s.note,
                sources: s.sources,
                shares,
            });
        }
        surveys
    }
}
