//! The scorer: properties that hold for any answers, and personas from the articles' advice.

use proptest::prelude::*;
use pychooser::answers::Answers;
use pychooser::scoring::{self, Outcome};

use crate::support::CATALOG;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn outcome_of(list: &[(String, String)]) -> Outcome {
    let (answers, _) = Answers::from_results_query(CATALOG.questionnaire(), list);
    scoring::score(CATALOG.latest_model(), &answers)
}

fn ranking(outcome: &Outcome) -> Vec<(String, i32, u8)> {
    outcome
        .ranking
        .iter()
        .map(|r| {
            (
                CATALOG.frameworks()[r.framework].slug.clone(),
                r.centi,
                r.percent,
            )
        })
        .collect()
}

fn slugs(outcome: &Outcome) -> Vec<&'static str> {
    outcome
        .ranking
        .iter()
        .map(|r| CATALOG.frameworks()[r.framework].slug.as_str())
        .collect()
}

/// A query pair: mostly real questions and options, sometimes junk.
fn pair() -> impl Strategy<Value = (String, String)> {
    let questions = &CATALOG.questionnaire().questions;
    let real = (0..questions.len()).prop_flat_map(move |q| {
        let question = &CATALOG.questionnaire().questions[q];
        (
            Just(question.id.clone()),
            prop::sample::select(
                question
                    .options
                    .iter()
                    .map(|o| o.id.clone())
                    .collect::<Vec<_>>(),
            ),
        )
    });
    prop_oneof![
        8 => real,
        1 => ("[a-z_]{0,8}", "[a-z_]{0,8}"),
        1 => (".{0,6}", ".{0,6}"),
    ]
}

/// One real answer per question at most (no conflicts).
fn consistent_answers() -> impl Strategy<Value = Vec<(String, String)>> {
    let questions = &CATALOG.questionnaire().questions;
    let per_question: Vec<BoxedStrategy<Option<(String, String)>>> = questions
        .iter()
        .map(|q| {
            let id = q.id.clone();
            let options: Vec<String> = q.options.iter().map(|o| o.id.clone()).collect();
            prop::option::of(prop::sample::select(options).prop_map(move |o| (id.clone(), o)))
                .boxed()
        })
        .collect();
    per_question.prop_map(|list| list.into_iter().flatten().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_pairs_score_without_panic_and_rank_every_framework_once(list in prop::collection::vec(pair(), 0..40)) {
        let outcome = outcome_of(&list);
        let mut ranked: Vec<usize> = outcome.ranking.iter().map(|r| r.framework).collect();
        ranked.sort_unstable();
        prop_assert_eq!(ranked, (0..CATALOG.frameworks().len()).collect::<Vec<_>>());
        for r in &outcome.ranking {
            prop_assert!(r.percent <= 100);
        }
        for w in outcome.ranking.windows(2) {
            let (a, b) = (w[0], w[1]);
            prop_assert!(a.centi > b.centi || (a.centi == b.centi && a.framework < b.framework), "best first, ties by slug");
            prop_assert!(a.percent >= b.percent);
        }
    }

    #[test]
    fn pair_order_and_repeated_identical_pairs_change_nothing(
        list in prop::collection::vec(pair(), 0..30),
        seed in any::<u64>(),
        repeat in 0usize..30,
    ) {
        let expected = ranking(&outcome_of(&list));
        let mut shuffled = list.clone();
        // A deterministic shuffle from the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            let j = usize::try_from(state % (i as u64 + 1)).unwrap();
            shuffled.swap(i, j);
        }
        if !list.is_empty() {
            let copy = list[repeat % list.len()].clone();
            shuffled.push(copy);
        }
        prop_assert_eq!(ranking(&outcome_of(&shuffled)), expected);
    }

    #[test]
    fn unanswered_questions_change_nothing(list in consistent_answers()) {
        let outcome = outcome_of(&list);
        // Spelling out "no preference" for every unanswered question (an empty value) is
        // the same as leaving it out.
        let mut spelled = list.clone();
        for q in &CATALOG.questionnaire().questions {
            if !list.iter().any(|(k, _)| *k == q.id) {
                spelled.push((q.id.clone(), String::new()));
            }
        }
        prop_assert_eq!(ranking(&outcome_of(&spelled)), ranking(&outcome));
        // And each answer's effect is its own: a score is the sum over the answers given.
        for (i, _) in list.iter().enumerate() {
            let without: Vec<(String, String)> = list.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, p)| p.clone()).collect();
            let alone = outcome_of(&list[i..=i]);
            let rest = outcome_of(&without);
            for f in 0..CATALOG.frameworks().len() {
                let centi = |o: &Outcome| o.ranking.iter().find(|r| r.framework == f).unwrap().centi;
                prop_assert_eq!(centi(&outcome), centi(&alone) + centi(&rest));
            }
        }
    }

    #[test]
    fn every_reported_flip_really_changes_the_top_pick(list in consistent_answers()) {
        let (answers, _) = Answers::from_results_query(CATALOG.questionnaire(), &list);
        let outcome = scoring::score(CATALOG.latest_model(), &answers);
        let top = outcome.ranking[0].framework;
        for flip in &outcome.flips {
            let changed = scoring::score(CATALOG.latest_model(), &answers.with(flip.question, flip.to));
            prop_assert_eq!(changed.ranking[0].framework, flip.new_top);
            prop_assert_ne!(flip.new_top, top);
        }
    }

    #[test]
    fn every_single_change_that_changes_the_top_pick_is_reported(list in consistent_answers()) {
        let (answers, _) = Answers::from_results_query(CATALOG.questionnaire(), &list);
        let outcome = scoring::score(CATALOG.latest_model(), &answers);
        prop_assume!(outcome.has_result());
        let top = outcome.ranking[0].framework;
        for (qi, question) in CATALOG.questionnaire().questions.iter().enumerate() {
            let current = answers.get(qi);
            let alternatives = std::iter::once(None)
                .chain((0..question.options.len()).map(Some))
                .filter(|&a| a != current);
            for to in alternatives {
                let changed = scoring::score(CATALOG.latest_model(), &answers.with(qi, to));
                let reported = outcome.flips.iter().find(|f| f.question == qi && f.to == to);
                let new_top = changed.ranking[0].framework;
                if new_top == top {
                    prop_assert!(reported.is_none(), "{qi} {to:?}");
                } else {
                    let flip = reported.expect("a change of top pick is reported");
                    let centi = |f: usize| changed.ranking.iter().find(|r| r.framework == f).unwrap().centi;
                    prop_assert_eq!(flip.new_top, new_top);
                    prop_assert_eq!(flip.from, current);
                    prop_assert_eq!(flip.tie, centi(new_top) == centi(top));
                }
            }
        }
    }
}

#[test]
fn the_best_fit_on_every_answer_scores_100_percent() {
    let outcome = outcome_of(&pairs(&[
        ("size", "large"),
        ("kind", "content"),
        ("admin", "yes"),
    ]));
    assert_eq!(outcome.ranking[0].percent, 100);
    assert_eq!(slugs(&outcome)[0], "django");
}

#[test]
fn no_recognised_answer_has_no_result() {
    for list in [
        pairs(&[]),
        pairs(&[("colour", "blue")]),
        pairs(&[("admin", "no")]),
    ] {
        let outcome = outcome_of(&list);
        assert!(!outcome.has_result(), "{list:?}");
        assert!(outcome.ranking.iter().all(|r| r.percent == 0));
        assert!(!outcome.close_call);
        assert!(outcome.flips.is_empty());
    }
}

#[test]
fn conflicting_answers_to_one_question_are_both_ignored() {
    let (answers, ignored) = Answers::from_results_query(
        CATALOG.questionnaire(),
        &pairs(&[("size", "large"), ("admin", "yes"), ("size", "small")]),
    );
    assert_eq!(answers.query(CATALOG.questionnaire()), "admin=yes");
    let named: Vec<(&str, &str)> = ignored
        .iter()
        .map(|i| (i.question.as_str(), i.option.as_str()))
        .collect();
    assert_eq!(named, [("size", "small"), ("size", "large")]);
}

/// A reader the articles describe, the answers they would give, and the ranking the articles'
/// advice implies (FastAPI's place comes from its own documentation).
struct Persona {
    who: &'static str,
    source: &'static str,
    answers: &'static [(&'static str, &'static str)],
    ranking: [&'static str; 3],
    close_call: bool,
}

const PERSONAS: [Persona; 25] = [
    Persona {
        who: "an online shop with accounts and an admin, junior team, tight deadline",
        source: "noble-2026: choose Django for e-commerce, authentication, admin, junior teams and critical time to market",
        answers: &[
            ("kind", "ecommerce"),
            ("admin", "yes"),
            ("accounts", "yes"),
            ("experience", "new"),
            ("deadline", "tight"),
        ],
        ranking: ["django", "flask", "fastapi"],
        close_call: false,
    },
    Persona {
        who: "a large multilingual CMS that will live for years",
        source: "phpcn: Django for content-heavy, long-term projects needing internationalisation; codete-2021: long-term projects",
        answers: &[
            ("size", "large"),
            ("kind", "content"),
            ("languages", "yes"),
            ("lifespan", "long"),
        ],
        ranking: ["django", "flask", "fastapi"],
        close_call: false,
    },
    Persona {
        who: "a CRUD business app on SQL, team wants conventions and has no security specialist",
        source: "codete-2021: mostly Django for CRUD apps; unnamed-blog: conventions; phpcn: built-in security",
        answers: &[
            ("kind", "crud"),
            ("database", "sql"),
            ("structure", "conventions"),
            ("security", "low"),
        ],
        ranking: ["django", "fastapi", "flask"],
        close_call: false,
    },
    Persona {
        who: "a social network with sign-up",
        source: "unnamed-blog and noble-2026: social media applications suit Django",
        answers: &[("kind", "social"), ("accounts", "yes")],
        ranking: ["django", "fastapi", "flask"],
        close_call: false,
    },
    Persona {
        who: "a web front for a machine-learning model, no database, seasoned team",
        source: "codete-2021: mostly Flask to expose existing code or an ML model; noble-2026: Flask for experienced teams",
        answers: &[
            ("kind", "model_service"),
            ("database", "none"),
            ("experience", "seasoned"),
            ("size", "small"),
        ],
        ranking: ["flask", "fastapi", "django"],
        close_call: false,
    },
    Persona {
        who: "a small API microservice in containers",
        source: "unnamed-blog: Flask for small projects and APIs; noble-2026: containers; FastAPI docs: built for APIs",
        answers: &[("size", "small"), ("kind", "api"), ("deploy", "containers")],
        ranking: ["flask", "fastapi", "django"],
        close_call: false,
    },
    Persona {
        who: "an API deployed as serverless functions",
        source: "codete-2021: a Flask API shipped on AWS Lambda; FastAPI docs: built for APIs",
        answers: &[("kind", "api"), ("deploy", "serverless")],
        ranking: ["flask", "fastapi", "django"],
        close_call: false,
    },
    Persona {
        who: "a prototype on a NoSQL store by a team that wants to choose every component",
        source: "codete-2021: Flask for prototypes with uncertain design, non-SQL data and freedom of components",
        answers: &[
            ("kind", "prototype"),
            ("database", "other"),
            ("structure", "freedom"),
        ],
        // Django (prototype) and FastAPI (any database) tie on one point; ties go by slug.
        ranking: ["flask", "django", "fastapi"],
        close_call: false,
    },
    Persona {
        who: "a beginner learning web development with a small project",
        source: "outsource-accelerator and unnamed-blog: Flask is easier for beginners and small projects",
        answers: &[("learning", "yes"), ("size", "small")],
        ranking: ["flask", "django", "fastapi"],
        close_call: false,
    },
    Persona {
        who: "an async JSON API that needs generated docs and raw speed",
        source: "FastAPI docs: async, OpenAPI docs and performance; outsource-accelerator: Flask faster than Django",
        answers: &[
            ("kind", "api"),
            ("async", "yes"),
            ("api_docs", "yes"),
            ("throughput", "yes"),
        ],
        ranking: ["fastapi", "flask", "django"],
        close_call: false,
    },
    Persona {
        who: "a real-time dashboard with many concurrent connections",
        source: "FastAPI and Django docs: built-in and official websocket support; codete-2021: Django Channels",
        answers: &[("kind", "realtime"), ("async", "yes")],
        ranking: ["fastapi", "django", "flask"],
        close_call: false,
    },
    Persona {
        who: "a medium project split between conventions and a seasoned team",
        source: "phpcn: medium projects fit both; codete-2021 and noble-2026: Flask for experienced teams, Django for conventions",
        answers: &[
            ("size", "medium"),
            ("structure", "conventions"),
            ("experience", "seasoned"),
        ],
        // The advice pulls both ways equally: a tie (first by slug), so a close call.
        ranking: ["django", "flask", "fastapi"],
        close_call: true,
    },
    Persona {
        who: "a team building a typed async API with generated docs, who want a support policy",
        source: "litestar-docs-index: a framework for typed, documented APIs; litestar and fastapi support policies (litestar-releases, fastapi-docs-versions)",
        answers: &[
            ("kind", "api"),
            ("api_docs", "yes"),
            ("async", "yes"),
            ("maturity", "mature"),
        ],
        ranking: ["litestar", "fastapi", "flask"],
        close_call: false,
    },
    Persona {
        who: "a Flask team whose app now needs many concurrent connections",
        source: "quart-docs-flask-migration and flask-async: Quart keeps Flask's API and adds async",
        answers: &[("existing", "flask"), ("async", "yes")],
        ranking: ["quart", "flask", "django"],
        close_call: false,
    },
    Persona {
        who: "someone assembling their own async stack from a light toolkit with few dependencies",
        source: "starlette-readme: a lightweight ASGI toolkit; package metadata for dependencies",
        answers: &[
            ("structure", "freedom"),
            ("async", "yes"),
            ("dependencies", "minimal"),
        ],
        ranking: ["starlette", "flask", "django"],
        close_call: false,
    },
    Persona {
        who: "a REST backend in containers that should pull in nothing beyond the standard library",
        source: "falcon-readme: minimalist REST framework with no dependencies outside the standard library",
        answers: &[
            ("kind", "api"),
            ("dependencies", "minimal"),
            ("deploy", "containers"),
        ],
        ranking: ["falcon", "fastapi", "django"],
        close_call: false,
    },
    Persona {
        who: "a real-time service holding many long-lived connections, with few dependencies",
        source: "tornado-docs-index: long polling, WebSockets and long-lived connections; package metadata",
        answers: &[
            ("kind", "realtime"),
            ("async", "yes"),
            ("dependencies", "minimal"),
        ],
        ranking: ["tornado", "fastapi", "django"],
        close_call: false,
    },
    Persona {
        who: "a fast async service that must run for years on a long-term-support release",
        source: "sanic-docs-intro and Sanic's December LTS policy; fastapi-docs-versions; flask-pallets-security",
        answers: &[
            ("throughput", "yes"),
            ("async", "yes"),
            ("maturity", "mature"),
        ],
        ranking: ["sanic", "fastapi", "flask"],
        close_call: false,
    },
    Persona {
        who: "an asyncio service holding many open connections, such as WebSockets, on its own server",
        source: "aiohttp-readme: an HTTP client and server for asyncio with server WebSockets",
        answers: &[("kind", "realtime"), ("async", "yes")],
        ranking: ["aiohttp", "django", "flask"],
        close_call: false,
    },
    Persona {
        who: "a large, long-lived, multilingual and secure application whose team picks its own parts on a mature base",
        source: "pyramid docs: start small, finish big, stay finished; security and i18n in the core",
        answers: &[
            ("size", "large"),
            ("structure", "freedom"),
            ("lifespan", "long"),
            ("maturity", "mature"),
            ("languages", "yes"),
            ("security", "high"),
            ("accounts", "yes"),
        ],
        ranking: ["pyramid", "flask", "fastapi"],
        close_call: false,
    },
    Persona {
        who: "a small server-rendered site or tool that should install nothing beyond the standard library",
        source: "bottle-readme: a single-file module with no dependencies outside the standard library",
        answers: &[
            ("size", "small"),
            ("dependencies", "minimal"),
            ("output", "html"),
        ],
        ranking: ["bottle", "flask", "django"],
        close_call: false,
    },
    Persona {
        who: "a fast, typed async API with generated OpenAPI documentation",
        source: "blacksheep-readme: a fast ASGI framework with OpenAPI documentation and dependency injection",
        answers: &[
            ("kind", "api"),
            ("async", "yes"),
            ("throughput", "yes"),
            ("api_docs", "yes"),
        ],
        ranking: ["blacksheep", "flask", "django"],
        close_call: false,
    },
    Persona {
        who: "a high-throughput async service answering JSON, maturity not required",
        source: "robyn-readme: a fast async framework with a Rust runtime",
        answers: &[("throughput", "yes"), ("async", "yes"), ("output", "json")],
        ranking: ["robyn", "flask", "django"],
        close_call: false,
    },
    Persona {
        who: "a team that wants a convention-driven, batteries-included framework for a server-rendered app with accounts",
        source: "masonite docs: a developer-centric, batteries-included framework modelled on Laravel",
        answers: &[
            ("structure", "conventions"),
            ("accounts", "yes"),
            ("output", "html"),
            ("kind", "crud"),
        ],
        ranking: ["masonite", "pyramid", "flask"],
        close_call: false,
    },
    Persona {
        who: "a database-driven web app with a built-in dashboard, built quickly",
        source: "py4web-readme and manual: rapid development of database-driven web apps, with a dashboard; web2py's successor",
        answers: &[
            ("kind", "crud"),
            ("admin", "yes"),
            ("deadline", "tight"),
            ("database", "sql"),
        ],
        ranking: ["py4web", "flask", "fastapi"],
        close_call: false,
    },
];

#[test]
fn each_persona_from_the_articles_gets_the_ranking_their_advice_implies() {
    // The articles compare Django, Flask and FastAPI: their advice fixes the order of those
    // three (other frameworks with the same properties rank among them by the same rules).
    for persona in &PERSONAS {
        let outcome = outcome_of(&pairs(persona.answers));
        let three: Vec<&str> = slugs(&outcome)
            .into_iter()
            .filter(|s| persona.ranking.contains(s))
            .collect();
        assert_eq!(
            three, persona.ranking,
            "{} ({})",
            persona.who, persona.source
        );
        if persona.close_call {
            let percent = |slug: &str| {
                outcome
                    .ranking
                    .iter()
                    .find(|r| CATALOG.frameworks()[r.framework].slug == slug)
                    .map(|r| r.percent)
                    .unwrap()
            };
            let (a, b) = (percent(persona.ranking[0]), percent(persona.ranking[1]));
            assert!(
                a.abs_diff(b) <= CATALOG.questionnaire().close_call_percent,
                "{}: the first two of the three are a close call ({a} and {b})",
                persona.who
            );
        }
    }
}

#[test]
fn django_and_flask_both_fitting_well_suggests_a_hybrid() {
    // Large and content-heavy (Django) but an API-minded, seasoned team that wants freedom (Flask).
    let outcome = outcome_of(&pairs(&[
        ("kind", "api"),
        ("size", "large"),
        ("experience", "seasoned"),
        ("structure", "freedom"),
        ("lifespan", "long"),
        ("admin", "yes"),
    ]));
    let percent = |slug: &str| outcome.percent_of(CATALOG.framework_index(slug).unwrap());
    let min = CATALOG.questionnaire().hybrid.as_ref().unwrap().min_percent;
    assert!(
        percent("django") >= min && percent("flask") >= min,
        "{:?}",
        ranking(&outcome)
    );
    assert!(outcome.hybrid);
    assert!(!outcome_of(&pairs(&[("kind", "content")])).hybrid);
}

#[test]
fn the_precomputed_option_points_equal_the_effects_shown_for_each_answer() {
    let questionnaire = CATALOG.questionnaire();
    for (q, question) in questionnaire.questions.iter().enumerate() {
        for o in 0..question.options.len() {
            let effects = scoring::answer_effects(CATALOG.latest_model(), q, o);
            for f in 0..CATALOG.frameworks().len() {
                assert_eq!(
                    effects.total(f),
                    CATALOG.latest_model().option_points(q, o)[f],
                    "{}={}",
                    question.id,
                    question.options[o].id
                );
            }
        }
    }
}

/// The shipped content with a copy of every framework under another slug and name
/// (`{slug}copy`, "{name} Copy"), identical in every value.
static WITH_COPIES: std::sync::LazyLock<pychooser::catalog::Catalog> =
    std::sync::LazyLock::new(|| {
        let dir = crate::content::content_copy();
        for framework in CATALOG.frameworks() {
            crate::content::copy_framework(
                dir.path(),
                &framework.slug,
                &framework.name,
                &format!("{}copy", framework.slug),
                &format!("{} Copy", framework.name),
            );
        }
        pychooser::catalog::load_dir(dir.path()).expect("copies are valid content")
    });

/// One answer per question or none, over every question of the latest model, leaving out
/// the answers whose advice a source gives about one framework by name (code already written
/// in Django or Flask), which a copy under another name rightly does not earn.
fn answer_set() -> impl Strategy<Value = Vec<(String, String)>> {
    let questions: Vec<(String, Vec<String>)> = CATALOG
        .questionnaire()
        .questions
        .iter()
        .map(|q| {
            let options = q
                .options
                .iter()
                .filter(|o| {
                    !o.effects
                        .iter()
                        .any(|e| matches!(e, pychooser::catalog::Effect::Framework { .. }))
                })
                .map(|o| o.id.clone())
                .collect();
            (q.id.clone(), options)
        })
        .collect();
    let choices: Vec<_> = questions
        .into_iter()
        .map(|(id, options)| {
            (0..=options.len())
                .prop_map(move |i| options.get(i).map(|option| (id.clone(), option.clone())))
        })
        .collect();
    choices.prop_map(|picked| picked.into_iter().flatten().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_framework_copied_under_another_name_scores_exactly_as_the_original(list in answer_set()) {
        let catalog = &*WITH_COPIES;
        let model = catalog.latest_model();
        let (answers, ignored) = Answers::from_results_query(&model.questionnaire, &list);
        prop_assert!(ignored.is_empty());
        let outcome = scoring::score(model, &answers);
        let of = |slug: &str| {
            let f = model.framework_index(slug).unwrap();
            let r = outcome.ranking.iter().find(|r| r.framework == f).unwrap();
            (r.centi, r.percent)
        };
        for framework in CATALOG.frameworks() {
            prop_assert_eq!(
                of(&framework.slug),
                of(&format!("{}copy", framework.slug)),
                "{} and its copy", framework.slug
            );
        }
    }
}

#[test]
fn every_framework_comes_first_for_some_answers() {
    // A search over single answers and pairs of answers: each framework must be able to lead
    // (alone or tied), or the questionnaire cannot recommend it whatever the project.
    let model = CATALOG.latest_model();
    let questions = &model.questionnaire.questions;
    let mut first: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let options: Vec<(usize, usize)> = questions
        .iter()
        .enumerate()
        .flat_map(|(q, question)| (0..question.options.len()).map(move |o| (q, o)))
        .collect();
    let mut consider = |chosen: &[(usize, usize)]| {
        let pairs: Vec<(String, String)> = chosen
            .iter()
            .map(|&(q, o)| (questions[q].id.clone(), questions[q].options[o].id.clone()))
            .collect();
        let (answers, _) = Answers::from_results_query(&model.questionnaire, &pairs);
        let outcome = scoring::score(model, &answers);
        if let Some(top) = outcome.top().filter(|_| outcome.has_result()) {
            for r in outcome.ranking.iter().filter(|r| r.centi == top.centi) {
                first.insert(model.frameworks[r.framework].slug.clone());
            }
        }
    };
    for (i, &a) in options.iter().enumerate() {
        consider(&[a]);
        for &b in &options[i + 1..] {
            if a.0 != b.0 {
                consider(&[a, b]);
            }
        }
    }
    let all: std::collections::BTreeSet<String> =
        model.frameworks.iter().map(|f| f.slug.clone()).collect();
    let never: Vec<&String> = all.difference(&first).collect();
    assert!(
        never.is_empty(),
        "never first for any one or two answers: {never:?}"
    );
}
