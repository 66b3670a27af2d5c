//! The fast path: plain HTTP/1.1 requests that the site answers from memory (pre-rendered
//! pages, results pages, the `303` after a valid form), read and answered without hyper.
//!
//! hyper's per-request machinery (its dispatcher, header maps, boxed bodies, response encoder)
//! cost about as much CPU as making a results page. Here a request head is parsed with
//! `httparse` (the parser hyper uses), the site writes its answer from header blocks it
//! prepared at start-up ([`Site::answer_plain`]), and the response goes out in one `writev`.
//!
//! Only plain requests are read this way: HTTP/1.1, `GET` or `HEAD` without a body, or `POST`
//! with one `Content-Length` within the site's body limit ([`MAX_BODY_BYTES`]); no `Transfer-Encoding`,
//! `Expect` or `Upgrade`, and no `Connection` header other than `keep-alive`. At the first
//! request that is not plain, or that the site does not answer from memory, the connection
//! is handed to hyper with every byte read so far, and hyper serves it from then on. So
//! everything unusual (HTTP/1.0, HTTP/2, limits, malformed requests, errors) is answered
//! exactly as without the fast path.

use std::io::{self, IoSlice};
use std::mem::MaybeUninit;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::http::uri::PathAndQuery;
use axum::http::{HeaderMap, Method, StatusCode};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::watch;

use super::Site;
use crate::web::layers::MAX_BODY_BYTES;

/// The most headers a plain request may have (hyper's default limit too).
const MAX_HEADERS: usize = 100;
/// How much room to make in the read buffer before each read.
const READ_CHUNK: usize = 4096;

/// A plain request, as the fast path read it.
pub struct PlainRequest<'a> {
    pub method: Method,
    /// The request target, validated as hyper validates it.
    pub target: PathAndQuery,
    headers: &'a [httparse::Header<'a>],
    pub body: &'a [u8],
}

impl PlainRequest<'_> {
    /// The first value of the header `name` (lowercase) as text, as
    /// `HeaderValue::to_str` gives it: `None` when absent or when not visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        let value = self
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))?
            .value;
        if value
            .iter()
            .all(|&b| b == b'\t' || (0x20..0x7f).contains(&b))
        {
            std::str::from_utf8(value).ok()
        } else {
            None
        }
    }
}

/// Appends a status line, as hyper writes it.
pub fn write_status(out: &mut Vec<u8>, status: StatusCode) {
    out.extend_from_slice(b"HTTP/1.1 ");
    out.extend_from_slice(status.as_str().as_bytes());
    out.push(b' ');
    out.extend_from_slice(status.canonical_reason().unwrap_or("").as_bytes());
    out.extend_from_slice(b"\r\n");
}

/// Appends one header line.
pub fn write_header(out: &mut Vec<u8>, name: &str, value: &[u8]) {
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b": ");
    out.extend_from_slice(value);
    out.extend_from_slice(b"\r\n");
}

/// Appends every header of `headers`, one line per value, as hyper writes them.
pub fn write_headers(out: &mut Vec<u8>, headers: &HeaderMap) {
    for (name, value) in headers {
        write_header(out, name.as_str(), value.as_bytes());
    }
}

/// Appends a `Content-Length` line.
pub fn write_content_length(out: &mut Vec<u8>, length: usize) {
    write_header(
        out,
        "content-length",
        itoa::Buffer::new().format(length).as_bytes(),
    );
}

/// Appends the `Date` line, formatted once a second per thread (as hyper does).
fn write_date(out: &mut Vec<u8>) {
    thread_local! {
        static DATE: std::cell::RefCell<(u64, String)> = const {
            std::cell::RefCell::new((u64::MAX, String::new()))
        };
    }
    let now = SystemTime::now();
    let second = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    DATE.with_borrow_mut(|(cached, text)| {
        if *cached != second {
            *cached = second;
            *text = httpdate::fmt_http_date(now);
        }
        write_header(out, "date", text.as_bytes());
    });
}

/// How a connection left the fast path.
pub enum End {
    /// Closed: by the client, on an error, or for shutdown.
    Closed,
    /// Handed on: hyper serves the rest, starting with these bytes already read.
    HandOff(Vec<u8>),
}

/// What to do with the bytes read so far.
enum Step {
    /// A request answered: its response is ready; `consumed` bytes were the request.
    Answered { consumed: usize, body: Bytes },
    /// The request is not complete yet.
    NeedMore,
    /// Not plain, or not answered from memory: hyper's from here on.
    HandOff,
}

/// Serves plain requests on `stream` until it closes, shutdown begins while it is idle, or a
/// request needs hyper. `started` counts the requests started, for the idle watchdog.
pub async fn serve<S: Site>(
    stream: &mut TcpStream,
    site: &S,
    started: &AtomicU64,
    stopping: &mut watch::Receiver<bool>,
    max_head_bytes: usize,
) -> End {
    let mut input: Vec<u8> = Vec::with_capacity(READ_CHUNK);
    let mut head: Vec<u8> = Vec::with_capacity(1024);
    let stop = stopping.wait_for(|stopping| *stopping);
    tokio::pin!(stop);
    loop {
        if !input.is_empty() {
            head.clear();
            match step(site, &input, max_head_bytes, &mut head, started) {
                Step::Answered { consumed, body } => {
                    write_date(&mut head);
                    head.extend_from_slice(b"\r\n");
                    if write_response(stream, &head, &body).await.is_err() {
                        return End::Closed;
                    }
                    input.drain(..consumed);
                    continue;
                }
                Step::HandOff => return End::HandOff(input),
                Step::NeedMore => {}
            }
        }
        input.reserve(READ_CHUNK);
        let read = tokio::select! {
            biased;
            read = stream.read_buf(&mut input) => read,
            _ = &mut stop, if input.is_empty() => return End::Closed,
        };
        match read {
            Ok(0) | Err(_) => return End::Closed,
            Ok(_) => {}
        }
    }
}

/// Parses the request at the start of `input` and, if it is plain and the site answers it,
/// writes the response head (without `Date`) to `head`.
fn step<S: Site>(
    site: &S,
    input: &[u8],
    max_head_bytes: usize,
    head: &mut Vec<u8>,
    started: &AtomicU64,
) -> Step {
    let mut headers = [const { MaybeUninit::<httparse::Header<'_>>::uninit() }; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut []);
    let head_len = match request.parse_with_uninit_headers(input, &mut headers) {
        Ok(httparse::Status::Complete(length)) if length <= max_head_bytes => length,
        Ok(httparse::Status::Partial) if input.len() <= max_head_bytes => return Step::NeedMore,
        _ => return Step::HandOff,
    };
    if request.version != Some(1) {
        return Step::HandOff;
    }
    let method = match request.method {
        Some("GET") => Method::GET,
        Some("HEAD") => Method::HEAD,
        Some("POST") => Method::POST,
        _ => return Step::HandOff,
    };
    let mut length = None;
    for header in &*request.headers {
        let name = header.name;
        if name.eq_ignore_ascii_case("content-length") {
            match (length, parse_length(header.value)) {
                (None, Some(value)) => length = Some(value),
                _ => return Step::HandOff,
            }
        } else if name.eq_ignore_ascii_case("transfer-encoding")
            || name.eq_ignore_ascii_case("expect")
            || name.eq_ignore_ascii_case("upgrade")
            || (name.eq_ignore_ascii_case("connection")
                && !header.value.eq_ignore_ascii_case(b"keep-alive"))
        {
            return Step::HandOff;
        }
    }
    let body_len = match (&method, length) {
        // Larger bodies go to hyper, and the router answers them with its limit's 413.
        (&Method::POST, Some(length)) if length <= MAX_BODY_BYTES => length,
        (&Method::GET | &Method::HEAD, None) => 0,
        _ => return Step::HandOff,
    };
    let Some(body) = input.get(head_len..head_len + body_len) else {
        return Step::NeedMore;
    };
    // Origin form only (`/path?query`); hyper reads the others.
    let Some(target) = request
        .path
        .filter(|target| target.starts_with('/'))
        .and_then(|target| PathAndQuery::try_from(target).ok())
    else {
        return Step::HandOff;
    };
    started.fetch_add(1, Ordering::Relaxed);
    let plain = PlainRequest {
        method,
        target,
        headers: request.headers,
        body,
    };
    match site.answer_plain(&plain, head) {
        Some(body) => Step::Answered {
            consumed: head_len + body_len,
            body,
        },
        None => Step::HandOff,
    }
}

/// A `Content-Length` value: digits only, as hyper accepts them.
fn parse_length(value: &[u8]) -> Option<usize> {
    if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(value).ok()?.parse().ok()
}

/// Writes the head and the body, in one `writev` when the socket takes it all.
async fn write_response(stream: &mut TcpStream, head: &[u8], body: &[u8]) -> io::Result<()> {
    let mut slices = [IoSlice::new(head), IoSlice::new(body)];
    let mut remaining = &mut slices[..];
    IoSlice::advance_slices(&mut remaining, 0);
    while !remaining.is_empty() {
        let written = stream.write_vectored(remaining).await?;
        if written == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        IoSlice::advance_slices(&mut remaining, written);
    }
    Ok(())
}

/// A stream that first gives back bytes already read from it: how a connection is handed to
/// hyper after the fast path read part of it.
pub struct Rewind<T> {
    read: Vec<u8>,
    at: usize,
    inner: T,
}

impl<T> Rewind<T> {
    pub fn new(read: Vec<u8>, inner: T) -> Rewind<T> {
        Rewind { read, at: 0, inner }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Rewind<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        if this.at < this.read.len() {
            let rest = &this.read[this.at..];
            let n = rest.len().min(buf.remaining());
            buf.put_slice(&rest[..n]);
            this.at += n;
            if this.at == this.read.len() {
                this.read = Vec::new();
                this.at = 0;
            }
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut this.inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Rewind<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_lengths_are_digits_only() {
        assert_eq!(parse_length(b"15586"), Some(15_586));
        for bad in [
            &b""[..],
            b"+1",
            b"1 ",
            b"-1",
            b"0x10",
            b"99999999999999999999999",
        ] {
            assert_eq!(parse_length(bad), None, "{bad:?}");
        }
    }

    #[tokio::test]
    async fn rewind_gives_back_what_was_read_then_the_stream() {
        let mut rewound = Rewind::new(b"GET / ".to_vec(), &b"HTTP/1.1\r\n"[..]);
        let mut all = String::new();
        rewound.read_to_string(&mut all).await.unwrap();
        assert_eq!(all, "GET / HTTP/1.1\r\n");
    }
}
