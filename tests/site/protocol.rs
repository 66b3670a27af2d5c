//! HTTP rules over a real loopback socket, as a client sees them: the Host header, content
//! coding, conditional requests over several header lines, half-closed connections and a body
//! that never completes. The server is the one `main` runs (`serve` with `site::app`).

use std::time::{Duration, Instant};

use pychooser::serve::{ServeConfig, serve};
use pychooser::{AppState, app};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::support::CATALOG;

/// Serves the site on a free port until the test ends; a short request timeout where given.
async fn start(request_timeout: Option<Duration>) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut state = AppState::new(std::sync::Arc::clone(&CATALOG));
    if let Some(timeout) = request_timeout {
        state = state.with_request_timeout(timeout);
    }
    let config = ServeConfig {
        idle_timeout: Duration::from_secs(5),
        ..ServeConfig::default()
    };
    tokio::spawn(serve(listener, app(&state), config, std::future::pending()));
    addr
}

/// Writes `bytes`, optionally shuts down the sending side, and reads until the server closes
/// (or 5 s pass).
async fn exchange(addr: std::net::SocketAddr, bytes: &[u8], half_close: bool) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(bytes).await.unwrap();
    if half_close {
        stream.shutdown().await.unwrap();
    }
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut out)).await;
    String::from_utf8_lossy(&out).into_owned()
}

/// One request with `Connection: close`; the extra header lines as given.
async fn get(addr: std::net::SocketAddr, head: &str) -> String {
    let request = format!("{head}\r\nConnection: close\r\n\r\n");
    exchange(addr, request.as_bytes(), false).await
}

fn status(response: &str) -> &str {
    response.get(9..12).unwrap_or("")
}

/// A header's value in the first response of `response`, by lower-case name.
fn header<'a>(response: &'a str, name: &str) -> Option<&'a str> {
    let head = response.split("\r\n\r\n").next()?;
    head.lines().skip(1).find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

#[tokio::test]
async fn an_http_1_1_request_needs_exactly_one_valid_host() {
    let addr = start(None).await;
    for (head, expected, why) in [
        (
            "GET /healthz HTTP/1.1\r\nHost: localhost",
            "200",
            "one host",
        ),
        ("GET /healthz HTTP/1.1", "400", "no host"),
        (
            "GET /healthz HTTP/1.1\r\nHost: a.example\r\nHost: b.example",
            "400",
            "two hosts",
        ),
        (
            "GET /healthz HTTP/1.1\r\nHost: a.example\r\nHost: a.example",
            "400",
            "the same host twice",
        ),
        (
            "GET /healthz HTTP/1.1\r\nHost: a b",
            "400",
            "an invalid host",
        ),
        (
            "GET /healthz HTTP/1.1\r\nHost: user@a.example",
            "400",
            "userinfo",
        ),
        ("GET /healthz HTTP/1.0", "200", "HTTP/1.0 may leave it out"),
        ("GET /api/frameworks HTTP/1.1", "400", "under /api too"),
    ] {
        let response = get(addr, head).await;
        assert_eq!(status(&response), expected, "{why}: {response:.200}");
        if expected == "400" {
            assert!(response.contains("Host header"), "{why}: the page says why");
            assert!(
                header(&response, "content-security-policy").is_some(),
                "{why}"
            );
        }
    }
}

#[tokio::test]
async fn the_coding_follows_the_clients_weights() {
    let addr = start(None).await;
    for (accept, expected) in [
        ("gzip;q=0, br;q=0", None),
        ("br;Q=0, gzip", Some("gzip")),
        ("gzip;q=0, *", Some("br")),
        ("gzip, deflate, br, zstd", Some("br")),
        ("identity", None),
        ("gzip;q=0.5, br;q=0.4", Some("gzip")),
    ] {
        let head = format!(
            "GET /compare/django-vs-flask HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: {accept}"
        );
        let response = get(addr, &head).await;
        assert_eq!(status(&response), "200", "{accept}");
        assert_eq!(header(&response, "content-encoding"), expected, "{accept}");
        assert_eq!(
            header(&response, "vary"),
            Some("accept-encoding"),
            "{accept}"
        );
    }
    // Two field lines are one list.
    let response = get(
        addr,
        "GET /compare/django-vs-flask HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: br;q=0\r\nAccept-Encoding: gzip",
    )
    .await;
    assert_eq!(header(&response, "content-encoding"), Some("gzip"));
}

#[tokio::test]
async fn if_none_match_is_read_over_every_header_line() {
    let addr = start(None).await;
    for path in [
        "/frameworks/flask",
        "/results?size=large&colour=blue",
        "/healthz",
    ] {
        let first = get(addr, &format!("GET {path} HTTP/1.1\r\nHost: localhost")).await;
        assert_eq!(status(&first), "200", "{path}");
        let etag = header(&first, "etag").expect("an etag").to_owned();
        let head = format!(
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nIf-None-Match: \"other\", W/\"more\"\r\nIf-None-Match: {etag}"
        );
        let again = get(addr, &head).await;
        assert_eq!(status(&again), "304", "{path}: {again:.300}");
        assert_eq!(header(&again, "etag"), Some(etag.as_str()), "{path}");
        let none = format!(
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nIf-None-Match: \"other\"\r\nIf-None-Match: \"more\""
        );
        assert_eq!(status(&get(addr, &none).await), "200", "{path}");
    }
}

#[tokio::test]
async fn a_client_that_half_closes_gets_an_answer_to_every_request_it_sent() {
    let addr = start(None).await;
    let form = "size=large&admin=yes";
    let requests = format!(
        "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n\
         GET /compare/django-vs-flask HTTP/1.1\r\nHost: localhost\r\n\r\n\
         POST /quiz HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}\
         GET /results?size=large HTTP/1.1\r\nHost: localhost\r\n\r\n",
        form.len()
    );
    for round in 0..20 {
        let response = exchange(addr, requests.as_bytes(), true).await;
        let statuses: Vec<&str> = response
            .match_indices("HTTP/1.1 ")
            .map(|(i, _)| &response[i + 9..i + 12])
            .collect();
        assert_eq!(statuses, ["200", "200", "303", "200"], "round {round}");
    }
}

#[tokio::test]
async fn a_body_that_never_completes_gets_408_and_the_connection_closes() {
    let addr = start(Some(Duration::from_millis(300))).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(
            b"POST /quiz HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nsize=large",
        )
        .await
        .unwrap();
    let started = Instant::now();
    let mut out = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut out))
        .await
        .expect("the server closes the connection")
        .unwrap();
    let response = String::from_utf8_lossy(&out);
    assert_eq!(status(&response), "408", "{response:.300}");
    assert!(response.contains("took too long"), "the site's own page");
    assert!(started.elapsed() >= Duration::from_millis(250));
}
