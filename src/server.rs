//! Accepting connections: a hyper-util loop instead of `axum::serve`, so that each connection
//! can be watched: a client that never finishes its headers (slowloris), trickles a body, or
//! sits idle must not hold a connection forever.
//!
//! The watch is one timer per connection, not per request: each connection counts the
//! requests it starts, and a watchdog closes it when a whole idle period passes without one.
//! hyper's own header-read timeout does the same job with a timer armed and disarmed on every
//! request, which cost about 2 µs of CPU per request under load (a fifth of a small answer).

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::Request;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// What can be served: the site's router, or the pre-rendering front door in front of it.
pub trait Site:
    tower::Service<Request, Response = axum::response::Response, Error = std::convert::Infallible>
    + Clone
    + Send
    + 'static
{
}

impl<S> Site for S where
    S: tower::Service<
            Request,
            Response = axum::response::Response,
            Error = std::convert::Infallible,
        > + Clone
        + Send
        + 'static
{
}

#[derive(Debug, Clone, Copy)]
pub struct ServeConfig {
    /// A connection on which no request starts for this long is closed: a client that never
    /// finishes its headers or its body, or an idle keep-alive connection. Checked once per
    /// period, so the connection closes between one and two periods after its last request
    /// started (a request in flight is bounded by the request timeout in `web::layers`).
    pub idle_timeout: Duration,
    /// After a shutdown signal, how long in-flight requests may take to finish.
    pub shutdown_grace: Duration,
    /// The largest request head (request line and headers) hyper buffers; larger ones get 431.
    pub max_head_bytes: usize,
}

impl Default for ServeConfig {
    fn default() -> ServeConfig {
        ServeConfig {
            idle_timeout: Duration::from_secs(10),
            shutdown_grace: Duration::from_secs(8),
            max_head_bytes: 64 * 1024,
        }
    }
}

/// Serves `app` on `listener` until `shutdown` resolves, then stops accepting and lets
/// in-flight requests finish (up to the grace period).
pub async fn serve<S>(
    listener: TcpListener,
    app: S,
    config: ServeConfig,
    shutdown: impl Future<Output = ()>,
) where
    S: Site,
    S::Future: Send + 'static,
{
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        // The watchdog below replaces it (see the module documentation).
        .header_read_timeout(None)
        .max_buf_size(config.max_head_bytes)
        .keep_alive(true);
    builder.http2().timer(TokioTimer::new());
    let graceful = GracefulShutdown::new();
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
        let app = app.clone();
        let started = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&started);
        let service = hyper::service::service_fn(move |request: Request<Incoming>| {
            counter.fetch_add(1, Ordering::Relaxed);
            app.clone().oneshot(request.map(axum::body::Body::new))
        });
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), service)
            .into_owned();
        let connection = graceful.watch(connection);
        let idle_timeout = config.idle_timeout;
        tokio::spawn(async move {
            tokio::select! {
                ended = connection => if let Err(e) = ended {
                    tracing::debug!(%peer, error = %e, "connection ended with an error");
                },
                () = watchdog(&started, idle_timeout) => {
                    tracing::debug!(%peer, "closing a connection that started no request for a whole idle period");
                }
            }
        });
    }

    drop(listener);
    tracing::info!("no longer accepting; finishing in-flight requests");
    tokio::select! {
        () = graceful.shutdown() => tracing::info!("all connections closed"),
        () = tokio::time::sleep(config.shutdown_grace) => {
            tracing::warn!("grace period over; closing the remaining connections");
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
pub fn run<S>(
    listeners: Vec<std::net::TcpListener>,
    app: &S,
    config: ServeConfig,
    shutdown: impl Future<Output = ()>,
    runtime: &tokio::runtime::Runtime,
) -> std::io::Result<()>
where
    S: Site,
    S::Future: Send + 'static,
{
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
