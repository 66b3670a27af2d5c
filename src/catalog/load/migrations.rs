//! Loading `migrations.toml`: for a pair of frameworks whose own docs give a migration guide
//! or an incremental path, what carries over, what must be rewritten and the steps.

use serde::Deserialize;

use super::{FileRole, Loader};
use crate::catalog::{Framework, Migration};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMigrationsFile {
    migration: Vec<RawMigration>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMigration {
    from: String,
    to: String,
    summary: String,
    carries_over: Vec<String>,
    rewrite: Vec<String>,
    steps: Vec<String>,
    sources: Vec<String>,
}

impl Loader<'_> {
    pub(super) fn load_migrations(
        &mut self,
        file: &str,
        table: &toml::Table,
        frameworks: &[Framework],
    ) -> Vec<Migration> {
        let Some(raw) = self.typed::<RawMigrationsFile>(file, table, FileRole::Migrations) else {
            return Vec::new();
        };
        let mut migrations: Vec<Migration> = Vec::new();
        for m in raw.migration {
            let entry = format!("migration \"{}\" → \"{}\"", m.from, m.to);
            self.text(file, &entry, "summary", &m.summary);
            self.cite(file, &entry, "sources", &m.sources);
            for (field, items, at_least) in [
                ("carries_over", &m.carries_over, 1),
                ("rewrite", &m.rewrite, 1),
                ("steps", &m.steps, 2),
            ] {
                if items.len() < at_least {
                    let reason = format!("give at least {at_least}");
                    self.error(file, &entry, field, reason);
                }
                for item in items {
                    self.text(file, &entry, field, item);
                }
            }
            let from = self.framework(file, &entry, "from", &m.from, frameworks);
            let to = self.framework(file, &entry, "to", &m.to, frameworks);
            let (Some(from), Some(to)) = (from, to) else {
                continue;
            };
            if from == to {
                self.error(file, &entry, "to", "a migration goes to another framework");
                continue;
            }
            if migrations.iter().any(|x| x.from == from && x.to == to) {
                self.error(file, &entry, "", "this pair is described twice");
                continue;
            }
            migrations.push(Migration {
                from,
                to,
                summary: m.summary,
                carries_over: m.carries_over,
                rewrite: m.rewrite,
                steps: m.steps,
                sources: m.sources,
            });
        }
        migrations
    }
}
