//! `/quiz`, `POST /quiz`, `/results` and their JSON twins.

use axum::http::StatusCode;

use crate::support::{CATALOG, get, h1, post, post_form, select, select_in, text};

/// The questionnaire contract from SPEC.md: ids shared links carry, never to change.
const SPEC_QUESTIONS: [(&str, &[&str]); 20] = [
    ("size", &["small", "medium", "large"]),
    (
        "kind",
        &[
            "api",
            "content",
            "ecommerce",
            "social",
            "crud",
            "prototype",
            "model_service",
            "realtime",
        ],
    ),
    ("admin", &["yes", "no"]),
    ("accounts", &["yes", "no"]),
    ("database", &["sql", "other", "none"]),
    ("experience", &["new", "some", "seasoned"]),
    ("learning", &["yes", "no"]),
    ("structure", &["conventions", "freedom"]),
    ("deadline", &["tight", "relaxed"]),
    ("security", &["low", "high"]),
    ("languages", &["yes", "no"]),
    ("lifespan", &["long", "short"]),
    ("deploy", &["serverless", "containers", "server"]),
    ("throughput", &["yes", "no"]),
    ("async", &["yes", "no"]),
    ("api_docs", &["yes", "no"]),
    ("existing", &["none", "django", "flask", "other"]),
    ("dependencies", &["minimal", "any"]),
    ("maturity", &["mature", "any"]),
    ("output", &["html", "json", "both"]),
];

#[tokio::test]
async fn api_questionnaire_has_exactly_the_spec_questions_and_options_in_order() {
    let body = get("/api/questionnaire").await.json();
    let questions = body.as_array().unwrap();
    assert_eq!(questions.len(), SPEC_QUESTIONS.len());
    for (json, (id, options)) in questions.iter().zip(SPEC_QUESTIONS) {
        assert_eq!(json["id"], id);
        assert!(json["prompt"].as_str().is_some_and(|p| !p.is_empty()));
        assert!(json["help"].as_str().is_some_and(|h| !h.is_empty()));
        let ids: Vec<&str> = json["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, options, "{id}");
        for o in json["options"].as_array().unwrap() {
            assert!(o["label"].as_str().is_some_and(|l| !l.is_empty()));
        }
    }
}

#[tokio::test]
async fn quiz_has_a_fieldset_per_question_with_labelled_radios_and_no_preference_checked() {
    let page = get("/quiz").await;
    assert_eq!(page.status, StatusCode::OK);
    let doc = page.html();
    assert_eq!(select(&doc, "form[method=post][action='/quiz']").len(), 1);
    let fieldsets = select(&doc, "form fieldset");
    assert_eq!(fieldsets.len(), SPEC_QUESTIONS.len());
    for (fieldset, (id, options)) in fieldsets.iter().zip(SPEC_QUESTIONS) {
        assert_eq!(select_in(*fieldset, "legend").len(), 1);
        assert!(
            !text(select_in(*fieldset, ".help")[0]).is_empty(),
            "{id} has help"
        );
        assert!(
            !select_in(*fieldset, ".help .refs a").is_empty(),
            "{id} help cites a source"
        );
        let radios = select_in(*fieldset, &format!("input[type=radio][name={id}]"));
        assert_eq!(
            radios.len(),
            options.len() + 1,
            "{id}: options plus no preference"
        );
        for radio in &radios {
            let input_id = radio.value().attr("id").unwrap();
            assert_eq!(
                select(&doc, &format!("label[for='{input_id}']")).len(),
                1,
                "{input_id} has a label"
            );
        }
        let checked = select_in(*fieldset, "input[checked]");
        assert_eq!(checked.len(), 1);
        assert_eq!(
            checked[0].value().attr("value"),
            Some(""),
            "{id} starts at no preference"
        );
    }
}

#[tokio::test]
async fn quiz_is_prefilled_from_a_results_query() {
    let doc = get("/quiz?admin=yes&size=large&colour=blue").await.html();
    assert_eq!(select(&doc, "#q-size-large[checked]").len(), 1);
    assert_eq!(select(&doc, "#q-admin-yes[checked]").len(), 1);
    assert_eq!(select(&doc, "#q-kind-no-preference[checked]").len(), 1);
    assert_eq!(select(&doc, "#q-size-no-preference[checked]").len(), 0);
}

#[tokio::test]
async fn submitting_the_form_redirects_303_to_canonical_results() {
    let m = crate::support::CATALOG.latest_model().id;
    for (body, location) in [
        (
            "admin=yes&size=large&kind=",
            "/results?size=large&admin=yes",
        ),
        (
            "api_docs=yes&async=yes&kind=api&size=",
            "/results?kind=api&async=yes&api_docs=yes",
        ),
        ("size=&kind=", "/results?"),
        ("", "/results?"),
    ] {
        // Always with the latest model's number last.
        let location = if location.ends_with('?') {
            format!("{location}m={m}")
        } else {
            format!("{location}&m={m}")
        };
        let response = post_form("/quiz", body).await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{body}");
        assert_eq!(
            response.header("location"),
            Some(location.as_str()),
            "{body}"
        );
    }
}

#[tokio::test]
async fn invalid_form_is_shown_again_with_422_answers_kept_and_problem_beside_the_question() {
    let response = post_form("/quiz", "size=huge&admin=yes&kind=api").await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let doc = response.html();
    let problem = text(select(&doc, "#q-size .problem")[0]);
    assert!(
        problem.contains("\"huge\" is not one of the options"),
        "{problem}"
    );
    assert_eq!(
        select(&doc, "#q-size[aria-describedby='q-size-problem']").len(),
        1
    );
    assert_eq!(
        select(&doc, "#q-admin-yes[checked]").len(),
        1,
        "valid answers kept"
    );
    assert_eq!(
        select(&doc, "#q-kind-api[checked]").len(),
        1,
        "valid answers kept"
    );
    assert_eq!(select(&doc, "#q-size-no-preference[checked]").len(), 1);
    assert_eq!(select(&doc, ".error-summary li").len(), 1);
}

#[tokio::test]
async fn each_kind_of_invalid_form_answers_422_naming_the_problem() {
    for (body, selector, why) in [
        (
            "size=small&size=large",
            "#q-size .problem",
            "a question answered twice",
        ),
        (
            "size=small&size=small",
            "#q-size .problem",
            "a question answered twice, even alike",
        ),
        (
            "colour=blue&size=small",
            ".error-summary li",
            "a field that is not a question",
        ),
        (
            "kind=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "#q-kind .problem",
            "markup as an option",
        ),
        ("kind=API", "#q-kind .problem", "ids are case-sensitive"),
        ("admin=%FF", "#q-admin .problem", "bytes that are not UTF-8"),
    ] {
        let response = post_form("/quiz", body).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{why}");
        let doc = response.html();
        assert!(!select(&doc, selector).is_empty(), "{why}: {selector}");
        assert!(
            !response.body.contains("<script>"),
            "{why}: input is escaped"
        );
    }
}

#[tokio::test]
async fn quiz_post_with_a_body_that_is_not_a_form_answers_415() {
    for content_type in [
        "application/json",
        "text/plain",
        "multipart/form-data; boundary=x",
    ] {
        let response = post("/quiz", content_type, "{\"size\":\"small\"}").await;
        assert_eq!(
            response.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type}"
        );
        assert_eq!(h1(&response.html()), "Unsupported Media Type (415)");
    }
}

#[tokio::test]
async fn results_page_shows_the_top_pick_a_bar_per_framework_and_why() {
    let response = get(&format!(
        "/results?size=large&admin=yes&kind=content&m={}",
        CATALOG.latest_model().id
    ))
    .await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        response.header("cache-control"),
        Some("public, max-age=300")
    );
    let doc = response.html();
    assert_eq!(h1(&doc), "Django fits your answers best");
    let items = select(&doc, "ol.ranking > li");
    assert_eq!(items.len(), CATALOG.frameworks().len());
    for item in &items {
        let percent: u8 = text(select_in(*item, ".rank-percent")[0])
            .trim_end_matches('%')
            .parse()
            .unwrap();
        let fill = select_in(*item, "svg.bar rect.bar-fill")[0]
            .value()
            .attr("width")
            .unwrap();
        assert_eq!(
            fill,
            percent.to_string(),
            "the bar is as long as the percent"
        );
    }
    let why_rows = select(&doc, "table.why tbody tr");
    assert_eq!(why_rows.len(), 3, "one row per answer");
    for row in why_rows {
        // Every framework is named in each row that moves anyone: with its points, or among
        // those the answer gave nothing.
        let named = text(select_in(row, "td")[0]);
        for framework in CATALOG.frameworks() {
            assert!(
                named.contains(&framework.name),
                "{} in {named}",
                framework.name
            );
        }
    }
    assert!(
        !select(&doc, "table.why .refs a").is_empty(),
        "reasons cite sources"
    );
    assert!(
        !text(select(&doc, ".explain-percent")[0]).is_empty(),
        "says what 100% means"
    );
    let links: Vec<&str> = select(&doc, "a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        links.contains(&"/quiz?size=large&kind=content&admin=yes"),
        "edit link keeps the answers"
    );
    assert!(
        links
            .iter()
            .any(|l| l.starts_with("/compare/") && l.contains("django")),
        "compare the top two"
    );
}

#[tokio::test]
async fn results_page_shows_its_shareable_url_and_link_preview_tags() {
    let doc = get("/results?admin=yes&size=large").await.html();
    let share = select(&doc, "input#share-url[readonly]")[0]
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    assert_eq!(
        share,
        "http://127.0.0.1:3000/results?size=large&admin=yes&m=1"
    );
    assert_eq!(select(&doc, "label[for=share-url]").len(), 1);
    let meta = |property: &str| {
        select(
            &doc,
            &format!("meta[property='{property}'], meta[name='{property}']"),
        )
        .first()
        .and_then(|m| m.value().attr("content"))
        .map(str::to_owned)
    };
    assert_eq!(meta("og:url").as_deref(), Some(share.as_str()));
    assert!(meta("og:title").unwrap().starts_with("Django fits best"));
    assert!(meta("og:description").unwrap().contains('%'));
    assert_eq!(meta("twitter:card").as_deref(), Some("summary"));
    assert!(meta("twitter:title").is_some());
}

#[tokio::test]
async fn unknown_pairs_are_ignored_and_named_in_a_notice() {
    let response = get("/results?size=large&colour=blue").await;
    assert_eq!(response.status, StatusCode::OK);
    let doc = response.html();
    let notice = text(select(&doc, ".notice")[0]);
    assert!(notice.contains("colour=blue"), "{notice}");
    assert_eq!(h1(&doc), "Django fits your answers best");
    let json = get("/api/results?size=large&colour=blue").await.json();
    assert_eq!(json["ignored"][0]["question"], "colour");
    assert_eq!(json["ignored"][0]["option"], "blue");
}

#[tokio::test]
async fn a_results_url_with_no_recognised_answer_says_so_and_leads_to_the_questionnaire() {
    for url in ["/results", "/results?colour=blue", "/results?size=huge"] {
        let response = get(url).await;
        assert_eq!(response.status, StatusCode::OK, "{url}");
        let doc = response.html();
        assert_eq!(h1(&doc), "No answers yet", "{url}");
        assert!(
            select(&doc, "a[href='/quiz']").len() >= 2,
            "{url} leads to the questionnaire"
        );
        assert!(select(&doc, "ol.ranking").is_empty());
    }
    let doc = get("/results?admin=no").await.html();
    assert_eq!(h1(&doc), "Your answers favour no framework");
}

#[tokio::test]
async fn api_results_has_the_fixed_fields() {
    let json = get(&format!(
        "/api/results?size=large&admin=yes&m={}",
        CATALOG.latest_model().id
    ))
    .await
    .json();
    let ranking = json["ranking"].as_array().unwrap();
    assert_eq!(ranking.len(), CATALOG.frameworks().len());
    for r in ranking {
        assert!(r["slug"].is_string() && r["name"].is_string());
        assert!(r["score"].is_number());
        let percent = r["percent"].as_u64().unwrap();
        assert!(percent <= 100);
    }
    assert_eq!(ranking[0]["slug"], "django");
    assert_eq!(ranking[0]["percent"], 100);
    assert_eq!(
        json["answers"],
        serde_json::json!({"size": "large", "admin": "yes"})
    );
    assert_eq!(json["ignored"], serde_json::json!([]));
    assert!(json["close_call"].is_boolean());
}

#[tokio::test]
async fn reordered_or_duplicated_pairs_give_the_same_json_ranking() {
    let base = get("/api/results?size=small&kind=api&deploy=containers")
        .await
        .json();
    for query in [
        "deploy=containers&kind=api&size=small",
        "kind=api&size=small&deploy=containers&kind=api",
        "size=small&size=small&deploy=containers&kind=api&deploy=containers",
    ] {
        let json = get(&format!("/api/results?{query}")).await.json();
        assert_eq!(json["ranking"], base["ranking"], "{query}");
        assert_eq!(json["answers"], base["answers"], "{query}");
    }
}

#[tokio::test]
async fn the_weights_page_lists_every_answer_and_its_effects() {
    let doc = get("/quiz/weights").await.html();
    let tables = select(&doc, "table.weights");
    assert_eq!(tables.len(), SPEC_QUESTIONS.len());
    let option_rows = select(&doc, "table.weights tbody th[scope=row]").len();
    let total_options: usize = SPEC_QUESTIONS.iter().map(|(_, o)| o.len()).sum();
    assert_eq!(option_rows, total_options);
    let body = text(select(&doc, "main")[0]);
    assert!(body.contains("Built in: 100% of the points"));
}

#[tokio::test]
async fn the_changes_that_would_flip_the_top_pick_stay_a_short_list() {
    let query = "kind=api&async=yes&m=2";
    let json = get(&format!("/api/results?{query}")).await.json();
    let all = json["changes_that_flip_the_top_pick"]
        .as_array()
        .unwrap()
        .len();
    assert!(all > 5, "this result has many ({all})");
    let doc = get(&format!("/results?{query}")).await.html();
    let listed = select(&doc, "ul.flips > li").len();
    assert!((1..=5).contains(&listed), "{listed} listed");
    let rest = text(select(&doc, "ul.flips + p")[0]);
    assert!(
        rest.starts_with(&format!("{} other single changes", all - listed)),
        "{rest}"
    );
    assert_eq!(
        select(
            &doc,
            &format!(
                "ul.flips + p a[href='/api/results?{}']",
                query.replace('&', "&amp;").replace("&amp;", "&")
            )
        )
        .len(),
        1
    );
}
