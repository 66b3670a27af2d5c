//! The fast path (plain HTTP/1.1 requests answered without hyper) against hyper itself, over
//! real loopback sockets: the same bytes sent to a server with the fast path and to one
//! without get the same responses (all but `Date`, in any header order), and the fast path
//! answers exactly the requests it should.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::Request;
use pychooser::server::fast_path::PlainRequest;
use pychooser::server::{ServeConfig, Site, serve};
use pychooser::web::prerender::Front;
use pychooser::{AppState, prerendered_app};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::support::CATALOG;

/// The front door, counting the requests it answers on the fast path.
#[derive(Clone)]
struct Counting {
    front: Front,
    plain: Arc<AtomicUsize>,
}

impl tower::Service<Request> for Counting {
    type Response = <Front as tower::Service<Request>>::Response;
    type Error = <Front as tower::Service<Request>>::Error;
    type Future = <Front as tower::Service<Request>>::Future;

    fn poll_ready(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        self.front.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        self.front.call(request)
    }
}

impl Site for Counting {
    fn answer_plain(&self, request: &PlainRequest<'_>, head: &mut Vec<u8>) -> Option<Bytes> {
        let body = self.front.answer_plain(request, head)?;
        self.plain.fetch_add(1, Ordering::Relaxed);
        Some(body)
    }
}

struct Server {
    addr: std::net::SocketAddr,
    plain: Arc<AtomicUsize>,
    stop: tokio::sync::oneshot::Sender<()>,
    stopped: tokio::task::JoinHandle<()>,
}

async fn start(fast_path: bool) -> Server {
    let (front, _) = prerendered_app(AppState::new(Arc::clone(&CATALOG)))
        .await
        .expect("pre-renders");
    let plain = Arc::new(AtomicUsize::new(0));
    let site = Counting {
        front,
        plain: Arc::clone(&plain),
    };
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let config = ServeConfig {
        fast_path,
        ..ServeConfig::default()
    };
    let stopped = tokio::spawn(serve(listener, site, config, async {
        let _ = stopped.await;
    }));
    Server {
        addr,
        plain,
        stop,
        stopped,
    }
}

/// Sends `bytes` on a new connection and reads until the server closes it.
async fn exchange(addr: std::net::SocketAddr, bytes: &[u8]) -> Vec<u8> {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(bytes).await.unwrap();
    let mut response = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut response))
        .await
        .expect("the server answers and closes")
        .unwrap();
    response
}

/// The responses in `raw`, each as its status line, its headers but `Date` (sorted) and its
/// body. `heads` lists which of them answer a HEAD (and so have no body).
fn responses(raw: &[u8], heads: &[bool]) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = raw;
    while !rest.is_empty() {
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut response = httparse::Response::new(&mut headers);
        let Ok(httparse::Status::Complete(head_len)) = response.parse(rest) else {
            found.push(format!("unparsable: {}", String::from_utf8_lossy(rest)));
            break;
        };
        let status = response.code.unwrap_or(0);
        let mut lines: Vec<String> = response
            .headers
            .iter()
            .filter(|h| !h.name.eq_ignore_ascii_case("date"))
            .map(|h| format!("{}: {}", h.name, String::from_utf8_lossy(h.value)))
            .collect();
        lines.sort();
        let length = response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case("content-length"))
            .and_then(|h| std::str::from_utf8(h.value).ok()?.parse::<usize>().ok());
        let no_body = heads.get(found.len()).copied().unwrap_or(false) || status == 304;
        let body_len = if no_body {
            0
        } else {
            length.unwrap_or(rest.len() - head_len)
        };
        let end = (head_len + body_len).min(rest.len());
        found.push(format!(
            "{status}\n{}\n\n{}",
            lines.join("\n"),
            String::from_utf8_lossy(&rest[head_len..end])
        ));
        rest = &rest[end..];
    }
    found
}

/// Asks for a results page's ETag.
async fn etag_of(addr: std::net::SocketAddr, target: &str) -> String {
    let raw = exchange(
        addr,
        format!("GET {target} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .await;
    let text = String::from_utf8_lossy(&raw);
    let line = text
        .lines()
        .find(|l| l.starts_with("etag: "))
        .expect("an etag");
    line["etag: ".len()..].to_owned()
}

/// One case: what is sent, which responses answer a HEAD, and how many requests the fast
/// path should answer.
struct Case {
    name: &'static str,
    sent: Vec<u8>,
    heads: Vec<bool>,
    plain: usize,
}

fn case(name: &'static str, requests: &str, heads: &[bool], plain: usize) -> Case {
    Case {
        name,
        sent: requests.as_bytes().to_vec(),
        heads: heads.to_vec(),
        plain,
    }
}

/// A request that ends the exchange: the server answers it and closes.
const LAST: &str = "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
const RESULTS: &str = "/results?size=large&kind=content&admin=yes&experience=new";
const FORM: &str = "size=large&kind=content&admin=yes&accounts=yes&experience=new";

fn post(target: &str, content_type: &str, body: &str) -> String {
    format!(
        "POST {target} HTTP/1.1\r\nHost: t\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

fn get(target: &str, headers: &str) -> String {
    format!("GET {target} HTTP/1.1\r\nHost: t\r\n{headers}\r\n")
}

/// Requests the fast path answers (and then the last one, which closes, goes to hyper).
fn answered_plainly(results_etag: &str, page_etag: &str) -> Vec<Case> {
    let form = "application/x-www-form-urlencoded";
    vec![
        case("results", &(get(RESULTS, "") + LAST), &[], 1),
        case(
            "results, HEAD",
            &(get(RESULTS, "").replacen("GET", "HEAD", 1) + LAST),
            &[true],
            1,
        ),
        case(
            "results, not modified",
            &(get(RESULTS, &format!("If-None-Match: {results_etag}\r\n")) + LAST),
            &[],
            1,
        ),
        case(
            "results, another tag",
            &(get(RESULTS, "If-None-Match: \"0000000000000000\"\r\n") + LAST),
            &[],
            1,
        ),
        case(
            "results with ignored and conflicting answers",
            &(get("/results?size=large&colour=blue&size=small&kind=api", "") + LAST),
            &[],
            1,
        ),
        case(
            "results with an unknown option",
            &(get("/results?size=huge", "") + LAST),
            &[],
            1,
        ),
        case("home", &(get("/", "") + LAST), &[], 1),
        case(
            "home, HEAD",
            &(get("/", "").replacen("GET", "HEAD", 1) + LAST),
            &[true],
            1,
        ),
        case(
            "home, gzip",
            &(get("/", "Accept-Encoding: gzip\r\n") + LAST),
            &[],
            1,
        ),
        case(
            "home, brotli refused",
            &(get("/", "Accept-Encoding: br;q=0, gzip, deflate\r\n") + LAST),
            &[],
            1,
        ),
        case(
            "home, not modified",
            &(get("/", &format!("If-None-Match: {page_etag}\r\n")) + LAST),
            &[],
            1,
        ),
        case(
            "compare",
            &(get("/compare/django-vs-flask", "Accept-Encoding: br\r\n") + LAST),
            &[],
            1,
        ),
        case(
            "keep-alive named",
            &(get("/", "Connection: Keep-Alive\r\n") + LAST),
            &[],
            1,
        ),
        case("valid form", &(post("/quiz", form, FORM) + LAST), &[], 1),
        case(
            "form with a charset",
            &(post(
                "/quiz",
                "application/x-www-form-urlencoded; charset=UTF-8",
                FORM,
            ) + LAST),
            &[],
            1,
        ),
        case(
            "pipelined",
            &(get(RESULTS, "") + &post("/quiz", form, FORM) + &get("/frameworks/flask", "") + LAST),
            &[],
            3,
        ),
        // Handed over mid-connection, after one plain answer.
        case(
            "fast, then hyper, then hyper",
            &(get("/", "") + &get("/nope", "") + &get(RESULTS, "") + LAST),
            &[],
            1,
        ),
    ]
}

/// Plain requests the router answers: handed to hyper at once.
fn for_the_router() -> Vec<Case> {
    let form = "application/x-www-form-urlencoded";
    let long_query = format!("/results?size={}", "x".repeat(5000));
    vec![
        case(
            "empty results query",
            &(get("/results?", "") + LAST),
            &[],
            0,
        ),
        case(
            "overlong results URL",
            &(get(&long_query, "") + LAST),
            &[],
            0,
        ),
        case(
            "not pre-rendered",
            &(get("/compare/flask-vs-django", "") + LAST),
            &[],
            0,
        ),
        case("not found", &(get("/nope", "") + LAST), &[], 0),
        case(
            "pre-filled form",
            &(get("/quiz?size=large", "") + LAST),
            &[],
            0,
        ),
        case(
            "invalid form",
            &(post("/quiz", form, "size=huge&colour=blue") + LAST),
            &[],
            0,
        ),
        case(
            "JSON form",
            &(post("/quiz", "application/json", "{}") + LAST),
            &[],
            0,
        ),
        case(
            "form without type",
            &(post("/quiz", "", FORM) + LAST),
            &[],
            0,
        ),
    ]
}

/// Requests that are not plain: handed to hyper at once.
fn not_plain() -> Vec<Case> {
    let form = "application/x-www-form-urlencoded";
    let huge_head = format!(
        "GET / HTTP/1.1\r\nHost: t\r\nX-Big: {}\r\n\r\n",
        "x".repeat(70_000)
    );
    vec![
        case(
            "HTTP/1.0",
            &(get("/", "").replace("HTTP/1.1", "HTTP/1.0") + LAST),
            &[],
            0,
        ),
        case(
            "connection close",
            &get("/", "Connection: close\r\n"),
            &[],
            0,
        ),
        case(
            "upgrade",
            &(get("/", "Connection: Upgrade\r\nUpgrade: websocket\r\n") + LAST),
            &[],
            0,
        ),
        case(
            "GET with a body",
            &(get("/", "Content-Length: 2\r\n") + "hi" + LAST),
            &[],
            0,
        ),
        case(
            "chunked form",
            &(format!(
                "POST /quiz HTTP/1.1\r\nHost: t\r\nContent-Type: {form}\r\n\
                 Transfer-Encoding: chunked\r\n\r\n{:x}\r\n{FORM}\r\n0\r\n\r\n",
                FORM.len()
            ) + LAST),
            &[],
            0,
        ),
        case(
            "two lengths",
            &(post("/quiz", form, FORM).replacen(
                "Content-Length",
                "Content-Length: 61\r\nContent-Length",
                1,
            ) + LAST),
            &[],
            0,
        ),
        case(
            "expect continue",
            &(post("/quiz", form, FORM).replacen("Host: t", "Host: t\r\nExpect: 100-continue", 1)
                + LAST),
            &[],
            0,
        ),
        case(
            "other method",
            &("DELETE / HTTP/1.1\r\nHost: t\r\n\r\n".to_owned() + LAST),
            &[],
            0,
        ),
        case("absolute form", &(get("http://t/", "") + LAST), &[], 0),
        case(
            "asterisk",
            &("OPTIONS * HTTP/1.1\r\nHost: t\r\n\r\n".to_owned() + LAST),
            &[],
            0,
        ),
        case("malformed", "BLAH\r\n\r\n", &[], 0),
        case(
            "invalid target",
            &(get("/results?size=\"large\"", "") + LAST),
            &[],
            0,
        ),
        Case {
            name: "head too large",
            sent: huge_head.into_bytes(),
            heads: vec![],
            plain: 0,
        },
    ]
}

#[tokio::test]
async fn the_fast_paths_answers_are_hypers_answers() {
    let fast = start(true).await;
    let hyper = start(false).await;
    let results_etag = etag_of(hyper.addr, RESULTS).await;
    let page_etag = etag_of(hyper.addr, "/").await;
    let mut cases = answered_plainly(&results_etag, &page_etag);
    cases.extend(for_the_router());
    cases.extend(not_plain());
    for case in cases {
        let before = fast.plain.load(Ordering::Relaxed);
        let from_fast = exchange(fast.addr, &case.sent).await;
        let answered = fast.plain.load(Ordering::Relaxed) - before;
        let from_hyper = exchange(hyper.addr, &case.sent).await;
        let (fast_responses, hyper_responses) = (
            responses(&from_fast, &case.heads),
            responses(&from_hyper, &case.heads),
        );
        assert!(!hyper_responses.is_empty(), "{}: no response", case.name);
        assert_eq!(fast_responses, hyper_responses, "{}", case.name);
        assert_eq!(
            answered, case.plain,
            "{}: answered on the fast path",
            case.name
        );
    }
    assert_eq!(hyper.plain.load(Ordering::Relaxed), 0);
}

#[tokio::test]
async fn a_request_that_arrives_in_pieces_is_answered_on_the_fast_path() {
    let fast = start(true).await;
    let mut stream = TcpStream::connect(fast.addr).await.unwrap();
    let request = post("/quiz", "application/x-www-form-urlencoded", FORM);
    for piece in request.as_bytes().chunks(7) {
        stream.write_all(piece).await.unwrap();
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    stream.write_all(LAST.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let all = responses(&raw, &[]);
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(all[0].starts_with("303\n"), "{}", all[0]);
    assert!(all[0].contains("location: /results?"), "{}", all[0]);
    assert_eq!(fast.plain.load(Ordering::Relaxed), 1);
}

#[tokio::test]
async fn keep_alive_connections_are_served_by_the_fast_path_until_they_close() {
    let fast = start(true).await;
    let mut stream = TcpStream::connect(fast.addr).await.unwrap();
    for _ in 0..50 {
        stream.write_all(get(RESULTS, "").as_bytes()).await.unwrap();
        let mut head = Vec::new();
        while !head.ends_with(b"\r\n\r\n") {
            head.push(stream.read_u8().await.unwrap());
        }
        let text = String::from_utf8(head).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
        let length: usize = text
            .lines()
            .find_map(|l| l.strip_prefix("content-length: "))
            .unwrap()
            .parse()
            .unwrap();
        let mut body = vec![0; length];
        stream.read_exact(&mut body).await.unwrap();
        assert!(body.ends_with(b"</html>"));
    }
    assert_eq!(fast.plain.load(Ordering::Relaxed), 50);
}

#[tokio::test]
async fn shutdown_closes_idle_fast_path_connections_at_once() {
    let fast = start(true).await;
    let mut stream = TcpStream::connect(fast.addr).await.unwrap();
    stream.write_all(get("/", "").as_bytes()).await.unwrap();
    let mut first = [0; 15];
    stream.read_exact(&mut first).await.unwrap();
    assert_eq!(&first, b"HTTP/1.1 200 OK");
    fast.stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(2), fast.stopped)
        .await
        .expect("the server stops without waiting for the idle connection")
        .unwrap();
    let mut rest = Vec::new();
    stream.read_to_end(&mut rest).await.unwrap();
    assert!(rest.ends_with(b"</html>"), "the page was sent whole");
}

#[tokio::test]
async fn an_http2_client_is_handed_to_hyper() {
    let fast = start(true).await;
    let mut stream = TcpStream::connect(fast.addr).await.unwrap();
    // The HTTP/2 connection preface, then an empty SETTINGS frame.
    stream
        .write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\0\0\0\x04\0\0\0\0\0")
        .await
        .unwrap();
    let mut frame = [0; 9];
    tokio::time::timeout(Duration::from_secs(5), stream.read_exact(&mut frame))
        .await
        .expect("the server answers")
        .unwrap();
    assert_eq!(
        frame[3], 4,
        "the server's first frame is SETTINGS: {frame:?}"
    );
    assert_eq!(fast.plain.load(Ordering::Relaxed), 0);
}
