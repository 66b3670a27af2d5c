//! How long each compression level takes on the site's own pages, and how small it makes
//! them: the measurement behind `store::Compression`. A kept page is compressed once, on a
//! miss, and sent many times, so a level pays while its bytes saved are worth the time every
//! miss spends on it.
//!
//!   cargo bench --bench compression
//!   CONTENT_DIR=/tmp/rehearsal cargo bench --bench compression   # at breadth
//!
//! Prints, per page and level, the median time of several runs and the compressed size.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use pychooser::catalog;
use pychooser::http::Coding;
use pychooser::store::compress;
use pychooser::{AppState, app};
use tower::ServiceExt;

fn main() {
    let catalog = match std::env::var_os("CONTENT_DIR") {
        Some(dir) => catalog::load_dir(std::path::Path::new(&dir)).expect("valid content"),
        None => catalog::load_embedded().expect("the shipped content is valid"),
    };
    let slugs: Vec<String> = catalog
        .frameworks()
        .iter()
        .map(|f| f.slug.clone())
        .collect();
    let mut urls = vec![
        "/".to_owned(),
        format!("/frameworks/{}", slugs[0]),
        format!("/compare/{}-vs-{}", slugs[0], slugs[1]),
        "/results?size=large&kind=content&admin=yes&accounts=yes&experience=new&deadline=tight&languages=yes&lifespan=long".to_owned(),
        format!("/api/compare/{}-vs-{}", slugs[0], slugs[1]),
    ];
    if slugs.len() >= 4 {
        let mut four: Vec<&str> = slugs.iter().take(4).map(String::as_str).collect();
        four.sort_unstable();
        urls.push(format!("/compare/{}", four.join("-vs-")));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let site = app(&AppState::new(catalog));
    println!(
        "{:<44} {:>6} {:>5} {:>9} {:>9} {:>6}",
        "page", "coding", "level", "median", "bytes", "ratio"
    );
    for url in urls {
        let body = runtime.block_on(async {
            let request = Request::get(url.as_str())
                .header("host", "localhost")
                .body(Body::empty())
                .unwrap();
            let response = site.clone().oneshot(request).await.unwrap();
            assert_eq!(response.status(), 200, "{url}");
            response.into_body().collect().await.unwrap().to_bytes()
        });
        let shown: String = url.chars().take(44).collect();
        println!(
            "{shown:<44} {:>6} {:>5} {:>9} {:>9}",
            "none",
            "-",
            "-",
            body.len()
        );
        for (coding, levels) in [(Coding::Gzip, 1..=9), (Coding::Brotli, 1..=11)] {
            for level in levels {
                let mut times = Vec::new();
                let mut bytes = 0;
                let runs = if level >= 10 { 3 } else { 15 };
                for _ in 0..runs {
                    let start = Instant::now();
                    bytes = compress(&body, coding, level).len();
                    times.push(start.elapsed());
                }
                times.sort();
                let median: Duration = times[times.len() / 2];
                #[allow(clippy::cast_precision_loss)]
                let ratio = bytes as f64 / body.len() as f64;
                println!(
                    "{:<44} {:>6} {:>5} {:>7.2}ms {:>9} {:>6.3}",
                    "",
                    coding.token(),
                    level,
                    median.as_secs_f64() * 1000.0,
                    bytes,
                    ratio
                );
            }
        }
    }
}
