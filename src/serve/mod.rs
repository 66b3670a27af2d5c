//! Accepting connections and handing them to hyper: one single-threaded runtime and
//! `SO_REUSEPORT` listener per core, TCP_NODELAY, a watchdog per connection, and graceful
//! shutdown. Every byte of every request is read and written by hyper; every request is
//! answered by the service given (the site's router, `site::app`).
//!
//! The watchdog is one timer per connection, not per request: each connection counts the
//! requests it starts, and the watchdog closes it when a whole idle period passes without one
//! (a client that never finishes its headers, or an idle keep-alive connection). hyper's own
//! header-read timeout does the same with a timer armed and disarmed on every request, which
//! cost about 2 µs of CPU per request under load.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::Request;
use axum::response::Response;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tower::ServiceExt;

use crate::http::limits;

#[derive(Debug, Clone, Copy)]
pub struct ServeConfig {
    /// A connection on which no request starts for this long is closed (see
    /// [`limits::IDLE_TIMEOUT`]).
    pub idle_timeout: Duration,
    /// After a shutdown signal, how long in-flight requests may take to finish.
    pub shutdown_grace: Duration,
}

impl Default for ServeConfig {
    fn default() -> ServeConfig {
        ServeConfig {
            idle_timeout: limits::IDLE_TIMEOUT,
            shutdown_grace: limits::SHUTDOWN_GRACE,
        }
    }
}

/// What can be served: a cloneable service answering every request (the site's router).
pub trait Service:
    tower::Service<Request, Response = Response, Error = Infallible, Future: Send + 'static>
    + Clone
    + Send
    + Sync
    + 'static
{
}

impl<S> Service for S where
    S: tower::Service<Request, Response = Response, Error = Infallible, Future: Send + 'static>
        + Clone
        + Send
        + Sync
        + 'static
{
}

/// hyper's settings: keep-alive, half-closed connections still answered, the head limit, and
/// no per-request header timer (the watchdog does that job).
fn builder() -> auto::Builder<TokioExecutor> {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(None)
        .max_buf_size(limits::MAX_HEAD_BYTES)
        .keep_alive(true)
        // A client may shut down its sending side once its requests are out; it still gets
        // an answer to each (RFC 9112 §9.6 leaves this to the server).
        .half_close(true);
    builder.http2().timer(TokioTimer::new());
    builder
}

/// Serves `app` on `listener` until `shutdown` resolves, then stops accepting and lets
/// in-flight requests finish (up to the grace period).
pub async fn serve(
    listener: TcpListener,
    app: impl Service,
    config: ServeConfig,
    shutdown: impl Future<Output = ()>,
) {
    let builder = builder();
    // Every connection holds a receiver: it learns of the shutdown from it, and the sender
    // learns that every connection has ended when the last one is dropped.
    let (stop, stopping) = watch::channel(false);
    tokio::pin!(shutdown);

    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        if let Err(e) = stream.set_nodelay(true) {
            tracing::debug!(error = %e, "cannot set TCP_NODELAY");
        }
        let connection = connection(
            stream,
            peer,
            app.clone(),
            builder.clone(),
            config,
            stopping.clone(),
        );
        tokio::spawn(connection);
    }

    drop(listener);
    drop(stopping);
    tracing::info!("no longer accepting; finishing in-flight requests");
    let _ = stop.send(true);
    tokio::select! {
        () = stop.closed() => tracing::info!("all connections closed"),
        () = tokio::time::sleep(config.shutdown_grace) => {
            tracing::warn!("grace period over; closing the remaining connections");
        }
    }
}

/// Serves one connection with hyper; closed by the watchdog when idle, and once in-flight
/// work is done after shutdown begins.
async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    app: impl Service,
    builder: auto::Builder<TokioExecutor>,
    config: ServeConfig,
    mut stopping: watch::Receiver<bool>,
) {
    let started = AtomicU64::new(0);
    let service = hyper::service::service_fn(|request: Request<Incoming>| {
        started.fetch_add(1, Ordering::Relaxed);
        app.clone().oneshot(request.map(axum::body::Body::new))
    });
    let connection = builder.serve_connection_with_upgrades(TokioIo::new(stream), service);
    tokio::pin!(connection);
    let served = async {
        tokio::select! {
            ended = connection.as_mut() => ended,
            () = async { let _ = stopping.wait_for(|stopping| *stopping).await; } => {
                connection.as_mut().graceful_shutdown();
                connection.await
            }
        }
    };
    tokio::select! {
        ended = served => if let Err(e) = ended {
            tracing::debug!(%peer, error = %e, "connection ended with an error");
        },
        () = watchdog(&started, config.idle_timeout) => {
            tracing::debug!(%peer, "closing a connection that started no request for a whole idle period");
        }
    }
}

/// Resolves once a whole `period` passes in which `started` (the connection's count of
/// requests started) does not move.
async fn watchdog(started: &AtomicU64, period: Duration) {
    let mut seen = started.load(Ordering::Relaxed);
    loop {
        tokio::time::sleep(period).await;
        let now = started.load(Ordering::Relaxed);
        if now == seen {
            return;
        }
        seen = now;
    }
}

/// Binds one listener per worker on `addr`, all sharing the port (`SO_REUSEPORT`), so the
/// kernel spreads connections over the workers. Port 0 picks a free port for the first, and
/// the others join it.
pub fn bind(addr: &str, workers: usize) -> std::io::Result<Vec<std::net::TcpListener>> {
    use std::net::ToSocketAddrs;
    let mut target = addr.to_socket_addrs()?.next().ok_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, "no address to bind")
    })?;
    let mut listeners = Vec::with_capacity(workers);
    for _ in 0..workers.max(1) {
        let socket = socket2::Socket::new(
            socket2::Domain::for_address(target),
            socket2::Type::STREAM,
            Some(socket2::Protocol::TCP),
        )?;
        socket.set_reuse_address(true)?;
        #[cfg(unix)]
        socket.set_reuse_port(true)?;
        socket.set_nonblocking(true)?;
        socket.bind(&target.into())?;
        socket.listen(1024)?;
        let listener: std::net::TcpListener = socket.into();
        // The first bind chose the port; the rest share it.
        target = listener.local_addr()?;
        listeners.push(listener);
        if !cfg!(unix) {
            break;
        }
    }
    Ok(listeners)
}

/// Serves `app` with one single-threaded runtime per listener (one per core, as nginx runs
/// one worker per core): a connection and its requests stay on one thread, with no
/// cross-thread wake-ups. Returns once `shutdown` resolves and every worker has finished
/// its in-flight requests (each within the grace period).
pub fn run(
    listeners: Vec<std::net::TcpListener>,
    app: &impl Service,
    config: ServeConfig,
    shutdown: impl Future<Output = ()>,
    runtime: &tokio::runtime::Runtime,
) -> std::io::Result<()> {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut workers = Vec::with_capacity(listeners.len());
    for (i, listener) in listeners.into_iter().enumerate() {
        let app = app.clone();
        let mut stopped = stopped.clone();
        let worker = std::thread::Builder::new()
            .name(format!("worker-{i}"))
            .spawn(move || -> std::io::Result<()> {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                runtime.block_on(async move {
                    let listener = TcpListener::from_std(listener)?;
                    let stop = async move {
                        let _ = stopped.wait_for(|s| *s).await;
                    };
                    serve(listener, app, config, stop).await;
                    Ok(())
                })
            })?;
        workers.push(worker);
    }
    runtime.block_on(shutdown);
    let _ = stop.send(true);
    for worker in workers {
        if let Ok(result) = worker.join() {
            result?;
        } else {
            tracing::error!("a worker thread panicked");
        }
    }
    Ok(())
}
