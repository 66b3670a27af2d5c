//! The page store: responses that depend only on content, kept as bytes in every coding the
//! site sends, so that a request for one is answered without rendering or compressing.
//!
//! - **Keyed by the canonical URL.** Handlers keep a page under the one address that names it
//!   (other spellings were redirected before they got here, or are answered without being
//!   kept), so the number of keys is bounded by the content, not by what clients send. A key
//!   is therefore also the URL whose response the page is, and the site answers a request for
//!   it from the store before routing.
//! - **Made on first use.** A miss renders the page and compresses it (gzip and brotli, at the
//!   levels in [`Compression`]), on a blocking thread. At most [`Store::makers`] misses are made
//!   at a time; the rest wait their turn without holding a worker, so a flood of misses cannot
//!   starve requests for pages already kept. Concurrent misses for one key make it once.
//! - **Bounded by bytes**, with eviction by `quick_cache` (CLOCK-Pro: a page requested often
//!   survives a scan of pages requested once).
//!
//! Only what is kept is compressed: everything else the site sends goes out as it is made.

use std::sync::Arc;

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, header};
use quick_cache::Weighter;
use quick_cache::sync::Cache;
use tokio::sync::Semaphore;

use crate::http::{Coding, encoding, etag};

/// What a handler makes for the store: a body and the headers every form of it carries
/// (its type, its cache policy, and whatever else the site sends with every response).
pub struct Made {
    pub body: Bytes,
    pub headers: HeaderMap,
}

/// A page, ready to send in each coding that makes it smaller.
#[derive(Debug)]
pub struct Page {
    /// Identity first, then the compressed forms that came out smaller.
    forms: Vec<Form>,
}

/// One coding of a page, with every header its response carries: the made page's, its tag,
/// its coding, `Vary` where the page has more than one form, and its length. Sending it is
/// copying these.
#[derive(Debug)]
pub struct Form {
    pub coding: Coding,
    pub body: Bytes,
    pub headers: HeaderMap,
}

/// How hard each coding works. Chosen by measurement (`cargo bench --bench compression`,
/// figures in the README): a kept page is compressed once and sent many times, but every miss
/// pays for it, so each level is the one past which the time grows much faster than the bytes
/// shrink. On a 66 KB compare page, gzip 6 is within 0.1% of gzip 9's size and a little
/// faster (1.7 ms); brotli 5 (3.7 ms) is 7% smaller than brotli 4, levels 6 to 9 save under
/// 2% more for 1.5 to 8 times the time, and 10 and 11 save 13% for 20 to 35 times the time
/// (76 and 129 ms), too slow for a miss.
#[derive(Debug, Clone, Copy)]
pub struct Compression {
    pub gzip: u32,
    pub brotli: u32,
}

impl Default for Compression {
    fn default() -> Compression {
        Compression { gzip: 6, brotli: 5 }
    }
}

/// Bodies shorter than this go out as they are: compressing them saves less than the
/// `Content-Encoding` and `Vary` headers cost.
const MIN_COMPRESSIBLE: usize = 512;

impl Page {
    /// A page from a rendered body: hashed for its tags, compressed in each coding.
    pub fn new(made: Made, compression: Compression) -> Page {
        let Made { body, headers } = made;
        let hash = xxhash_rust::xxh3::xxh3_64(&body);
        let mut bodies = Vec::with_capacity(3);
        if body.len() >= MIN_COMPRESSIBLE {
            for (coding, level) in [
                (Coding::Brotli, compression.brotli),
                (Coding::Gzip, compression.gzip),
            ] {
                let compressed = compress(&body, coding, level);
                if compressed.len() < body.len() {
                    bodies.push((coding, compressed));
                }
            }
        }
        bodies.insert(0, (Coding::Identity, body));
        let varies = bodies.len() > 1;
        let forms = bodies
            .into_iter()
            .map(|(coding, body)| {
                let mut headers = headers.clone();
                headers.insert(header::ETAG, etag::of_hash(hash, coding));
                if coding != Coding::Identity {
                    headers.insert(
                        header::CONTENT_ENCODING,
                        HeaderValue::from_static(coding.token()),
                    );
                }
                if varies {
                    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
                }
                headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
                Form {
                    coding,
                    body,
                    headers,
                }
            })
            .collect();
        Page { forms }
    }

    /// The form in `coding`, if the page has one.
    pub fn form(&self, coding: Coding) -> Option<&Form> {
        self.forms.iter().find(|f| f.coding == coding)
    }

    /// The form for a request with these `Accept-Encoding` field lines.
    pub fn negotiate<'a>(
        &self,
        accept_encoding: impl IntoIterator<Item = &'a HeaderValue>,
    ) -> &Form {
        let coding = encoding::negotiate(accept_encoding, |c| self.form(c).is_some());
        self.form(coding).unwrap_or(&self.forms[0])
    }

    /// Bytes held, for the store's bound.
    fn weight(&self) -> u64 {
        // The bodies, plus the forms and their headers (about 1.5 KB each).
        let bodies: usize = self.forms.iter().map(|f| f.body.len()).sum();
        u64::try_from(bodies + 2048 * self.forms.len()).unwrap_or(u64::MAX)
    }
}

/// `body` in `coding` at `level` (gzip 0–9, brotli 0–11); identity is a copy.
pub fn compress(body: &[u8], coding: Coding, level: u32) -> Bytes {
    use std::io::Write as _;
    let mut out = Vec::with_capacity(body.len() / 4);
    match coding {
        Coding::Gzip => {
            let mut encoder = flate2::write::GzEncoder::new(out, flate2::Compression::new(level));
            encoder
                .write_all(body)
                .expect("writing to memory cannot fail");
            out = encoder.finish().expect("writing to memory cannot fail");
        }
        Coding::Brotli => {
            // The window only needs to cover the page: a larger one makes the encoder allocate
            // and zero memory it never uses. Below 2^17 the encoder picks a hasher with larger
            // tables, hence the floor.
            let window = (usize::BITS - body.len().leading_zeros()).clamp(17, 22);
            let mut writer = brotli::CompressorWriter::new(&mut out, 16 * 1024, level, window);
            writer
                .write_all(body)
                .expect("writing to memory cannot fail");
        }
        Coding::Identity => out.extend_from_slice(body),
    }
    Bytes::from(out)
}

#[derive(Clone)]
struct ByBytes;

impl Weighter<String, Arc<Page>> for ByBytes {
    fn weight(&self, key: &String, page: &Arc<Page>) -> u64 {
        page.weight() + u64::try_from(key.len()).unwrap_or(u64::MAX)
    }
}

/// Why a page could not be made.
#[derive(Debug)]
pub struct MakeError(pub String);

/// Pages by canonical URL, bounded by bytes.
pub struct Store {
    pages: Cache<String, Arc<Page>, ByBytes>,
    makers: Semaphore,
    compression: Compression,
}

impl Store {
    /// The bytes kept by default (`--store-mib`). A compare page with its two compressed
    /// forms is about 90 KB, so this holds a couple of hundred pages; the memory goals in the
    /// README are measured with it.
    pub const DEFAULT_CAPACITY: u64 = 16 * 1024 * 1024;

    /// A store holding at most `capacity` bytes, making at most `makers` pages at a time.
    pub fn new(capacity: u64, makers: usize, compression: Compression) -> Store {
        // The estimated count only sizes the cache's tables: a fifth of the typical page.
        let estimated = usize::try_from(capacity / (20 * 1024))
            .unwrap_or(1024)
            .max(16);
        Store {
            pages: Cache::with_weighter(estimated, capacity, ByBytes),
            makers: Semaphore::new(makers.max(1)),
            compression,
        }
    }

    /// How many misses the default store makes at a time: half the cores, so that the other
    /// half keeps answering from memory while a flood of misses is made.
    pub fn default_makers() -> usize {
        std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1))
    }

    /// The page under `key`, made by `make` (on a blocking thread) if the store lacks it.
    pub async fn get_or_make<F>(&self, key: &str, make: F) -> Result<Arc<Page>, MakeError>
    where
        F: FnOnce() -> Result<Made, String> + Send + 'static,
    {
        let guard = match self.pages.get_value_or_guard_async(key).await {
            Ok(page) => return Ok(page),
            Err(guard) => guard,
        };
        let _permit = self
            .makers
            .acquire()
            .await
            .map_err(|e| MakeError(format!("the store is closed: {e}")))?;
        let compression = self.compression;
        let outcome =
            tokio::task::spawn_blocking(move || make().map(|made| Page::new(made, compression)))
                .await;
        let page = match outcome {
            Ok(Ok(page)) => Arc::new(page),
            Ok(Err(e)) => return Err(MakeError(e)),
            Err(e) => return Err(MakeError(format!("making {key} failed: {e}"))),
        };
        // A page heavier than the store's bound is sent but not kept.
        let _ = guard.insert(Arc::clone(&page));
        Ok(page)
    }

    /// The page kept under `key`, if any; nothing is made.
    pub fn get(&self, key: &str) -> Option<Arc<Page>> {
        self.pages.get(key)
    }

    /// Pages kept and the bytes they hold.
    pub fn usage(&self) -> (usize, u64) {
        (self.pages.len(), self.pages.weight())
    }

    /// Whether a page is kept under `key`.
    pub fn contains(&self, key: &str) -> bool {
        self.pages.contains_key(key)
    }
}
