//! The connection level, over real loopback sockets: the idle watchdog, graceful shutdown,
//! and panics. Timeouts here are short and configured, never long sleeps.

use std::time::{Duration, Instant};

use axum::Router;
use axum::routing::get;
use pychooser::serve::{ServeConfig, serve};
use pychooser::site::App;
use pychooser::site::layers::with_layers;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

use crate::support::{get as get_page, h1, site};

/// Starts a server on a free loopback port; returns its address, a shutdown trigger and the
/// task that ends when the server has stopped.
async fn start(
    app: App,
    config: ServeConfig,
) -> (
    std::net::SocketAddr,
    oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(serve(listener, app, config, async {
        let _ = rx.await;
    }));
    (addr, tx, task)
}

/// A raw HTTP/1.1 GET; returns the status code and whether the server closed afterwards.
async fn raw_get(addr: std::net::SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    response
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_disconnected_while_others_are_served() {
    let config = ServeConfig {
        idle_timeout: Duration::from_millis(300),
        ..ServeConfig::default()
    };
    let (addr, stop, task) = start(site(), config).await;

    let mut slow = TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: test\r\nX-Half: ")
        .await
        .unwrap();
    let started = Instant::now();

    // Meanwhile another client is served normally.
    let other = raw_get(addr, "/healthz").await;
    assert!(other.starts_with("HTTP/1.1 200"), "{other}");

    let mut buffer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut buffer)).await;
    assert!(
        read.is_ok(),
        "the half-sent request is closed by the server"
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "closed after about the timeout"
    );

    stop.send(()).unwrap();
    task.await.unwrap();
}

#[tokio::test]
async fn a_connection_that_keeps_making_requests_stays_open_past_the_idle_timeout() {
    let config = ServeConfig {
        idle_timeout: Duration::from_millis(200),
        ..ServeConfig::default()
    };
    let (addr, stop, task) = start(site(), config).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let started = Instant::now();
    // Twelve requests 50 ms apart on one keep-alive connection: three idle periods or more.
    for served in 0..12 {
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n")
            .await
            .unwrap();
        let mut buffer = [0_u8; 4096];
        let n = stream.read(&mut buffer).await.unwrap();
        assert!(n > 0, "closed after {served} requests");
        assert!(buffer.starts_with(b"HTTP/1.1 200"));
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(started.elapsed() >= Duration::from_millis(600));

    // Once it stops making requests, the server closes it.
    let mut rest = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut rest)).await;
    assert!(read.is_ok(), "the idle connection is closed by the server");

    stop.send(()).unwrap();
    task.await.unwrap();
}

#[tokio::test]
async fn shutdown_lets_in_flight_requests_finish_and_stops_accepting() {
    let slow = Router::new().route(
        "/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_millis(400)).await;
            "done"
        }),
    );
    let (addr, stop, task) = start(
        with_layers(slow, &crate::support::state()),
        ServeConfig::default(),
    )
    .await;
    let in_flight = tokio::spawn(raw_get(addr, "/slow"));
    tokio::time::sleep(Duration::from_millis(100)).await;
    stop.send(()).unwrap();
    let response = in_flight.await.unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.ends_with("done"), "{response}");
    tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .expect("the server stops once in-flight work is done")
        .unwrap();
    assert!(
        TcpStream::connect(addr).await.is_err(),
        "no longer accepting"
    );
}

#[tokio::test]
async fn shutdown_is_bounded_by_the_grace_period() {
    let stuck = Router::new().route(
        "/stuck",
        get(|| async {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            "never"
        }),
    );
    let config = ServeConfig {
        shutdown_grace: Duration::from_millis(200),
        ..ServeConfig::default()
    };
    let (addr, stop, task) = start(with_layers(stuck, &crate::support::state()), config).await;
    let _client = tokio::spawn(raw_get(addr, "/stuck"));
    tokio::time::sleep(Duration::from_millis(100)).await;
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .expect("shutdown gives up waiting after the grace period")
        .unwrap();
}

#[tokio::test]
async fn a_panic_in_a_handler_becomes_the_500_page_and_the_server_keeps_serving() {
    let boom = with_layers(
        Router::new().route(
            "/boom",
            get(|| async {
                panic!("secret detail");
                #[allow(unreachable_code)]
                ""
            }),
        ),
        &crate::support::state(),
    );
    let request = axum::http::Request::get("/boom")
        .header("host", "localhost")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = tower::ServiceExt::oneshot(boom.clone(), request)
        .await
        .unwrap();
    assert_eq!(response.status(), 500);
    assert!(response.headers().contains_key("content-security-policy"));
    let body = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    let body = String::from_utf8_lossy(&body);
    assert!(!body.contains("secret detail"), "no internals leak");
    assert_eq!(
        h1(&scraper::Html::parse_document(&body)),
        "Internal Server Error (500)"
    );

    // The same router still answers.
    let request = axum::http::Request::get("/nothing")
        .header("host", "localhost")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = tower::ServiceExt::oneshot(boom, request).await.unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(get_page("/healthz").await.status, 200);
}

#[test]
fn workers_share_one_port_and_stop_together() {
    let listeners = pychooser::serve::bind("127.0.0.1:0", 2).unwrap();
    assert_eq!(listeners.len(), 2);
    let addr = listeners[0].local_addr().unwrap();
    assert_eq!(
        listeners[1].local_addr().unwrap(),
        addr,
        "the port is shared"
    );
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let server = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let stop = async move {
            tokio::task::spawn_blocking(move || rx.recv()).await.ok();
        };
        pychooser::serve::run(listeners, &site(), ServeConfig::default(), stop, &runtime).unwrap();
    });
    let client = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    for _ in 0..8 {
        let response = client.block_on(raw_get(addr, "/healthz"));
        assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    }
    tx.send(()).unwrap();
    server.join().expect("run returns after shutdown");
}
