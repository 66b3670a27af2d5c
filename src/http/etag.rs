//! Entity tags (RFC 9110 §8.8.3) and `If-None-Match` (§13.1.2): the one way the site makes a
//! validator and decides that a client's copy is current.

use axum::http::HeaderValue;

use super::Coding;

/// A strong tag for a body: its xxh3 hash, and the coding it went out in, since each coding's
/// bytes differ (`"9f2c…"`, `"9f2c…-br"`). The same bytes give the same tag in every process.
pub fn strong(identity_body: &[u8], coding: Coding) -> HeaderValue {
    of_hash(xxhash_rust::xxh3::xxh3_64(identity_body), coding)
}

/// [`strong`] for a hash already taken.
pub fn of_hash(hash: u64, coding: Coding) -> HeaderValue {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let suffix: &[u8] = match coding {
        Coding::Identity => b"",
        Coding::Gzip => b"-gz",
        Coding::Brotli => b"-br",
    };
    let mut tag = Vec::with_capacity(21);
    tag.push(b'"');
    for shift in (0..16).rev() {
        tag.push(HEX[usize::try_from((hash >> (4 * shift)) & 0xf).unwrap_or(0)]);
    }
    tag.extend_from_slice(suffix);
    tag.push(b'"');
    HeaderValue::from_bytes(&tag).expect("a quoted hex hash is a valid header value")
}

/// Whether a client that sent these `If-None-Match` field lines already has the
/// representation tagged `etag`, so that a `GET` or `HEAD` gets `304`. Every line and every
/// tag in it counts; comparison is weak (`W/"x"` matches `"x"`); `*` matches any current
/// representation. A line that cannot be parsed matches nothing.
pub fn none_match<'a>(
    if_none_match: impl IntoIterator<Item = &'a HeaderValue>,
    etag: &HeaderValue,
) -> bool {
    let ours = opaque(etag.as_bytes());
    if_none_match.into_iter().any(|line| {
        let line = line.as_bytes();
        if trim(line) == b"*" {
            return true;
        }
        Tags { rest: line }.any(|tag| Some(tag) == ours)
    })
}

/// The quoted part of an entity tag, without `W/`: what weak comparison compares.
fn opaque(tag: &[u8]) -> Option<&[u8]> {
    let tag = trim(tag);
    let tag = tag.strip_prefix(b"W/").unwrap_or(tag);
    (tag.len() >= 2 && tag[0] == b'"' && tag[tag.len() - 1] == b'"').then_some(tag)
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t'))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t'))
        .map_or(start, |i| i + 1);
    &bytes[start..end]
}

/// The entity tags of one `If-None-Match` line, as their quoted parts. A tag may hold a comma
/// (`etagc` allows it), so the line is scanned tag by tag rather than split on commas. Stops
/// at the first thing that is not a tag.
struct Tags<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Tags<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let start = self
            .rest
            .iter()
            .position(|b| !matches!(b, b' ' | b'\t' | b','))?;
        let mut tag = &self.rest[start..];
        tag = tag.strip_prefix(b"W/").unwrap_or(tag);
        if tag.first() != Some(&b'"') {
            self.rest = &[];
            return None;
        }
        let Some(close) = tag[1..].iter().position(|&b| b == b'"') else {
            self.rest = &[];
            return None;
        };
        let (quoted, rest) = tag.split_at(close + 2);
        self.rest = rest;
        Some(quoted)
    }
}

#[cfg(test)]
mod tests {
    use super::{Coding, none_match, of_hash};
    use axum::http::HeaderValue;

    fn matches(lines: &[&str], etag: &str) -> bool {
        let lines: Vec<HeaderValue> = lines
            .iter()
            .map(|l| HeaderValue::from_str(l).unwrap())
            .collect();
        none_match(&lines, &HeaderValue::from_str(etag).unwrap())
    }

    #[test]
    fn if_none_match_follows_rfc_9110() {
        let cases: &[(&[&str], &str, bool, &str)] = &[
            (&[], "\"a\"", false, "no header"),
            (&["\"a\""], "\"a\"", true, "the same tag"),
            (&["\"b\""], "\"a\"", false, "another tag"),
            (&["W/\"a\""], "\"a\"", true, "weak comparison ignores W/"),
            (&["\"a\""], "W/\"a\"", true, "either side may be weak"),
            (&["\"b\", \"a\""], "\"a\"", true, "a list"),
            (&["\"b\"", "\"a\""], "\"a\"", true, "a second field line"),
            (&["*"], "\"a\"", true, "* matches any representation"),
            (&["\"x,y\", \"a\""], "\"a\"", true, "a comma inside a tag"),
            (
                &["\"x,y\""],
                "\"y\"",
                false,
                "a comma inside a tag does not split it",
            ),
            (&["a"], "\"a\"", false, "an unquoted tag is not a tag"),
            (&["\"a"], "\"a\"", false, "an unterminated tag"),
            (&["\"A\""], "\"a\"", false, "tags are case-sensitive"),
            (&["  \"a\"  "], "\"a\"", true, "spaces around"),
        ];
        for (lines, etag, expected, why) in cases {
            assert_eq!(
                matches(lines, etag),
                *expected,
                "{lines:?} vs {etag}: {why}"
            );
        }
    }

    #[test]
    fn tags_differ_by_coding_and_are_quoted_hex() {
        let tags: Vec<HeaderValue> = [Coding::Identity, Coding::Gzip, Coding::Brotli]
            .into_iter()
            .map(|c| of_hash(0x0123_4567_89ab_cdef, c))
            .collect();
        assert_eq!(tags[0], "\"0123456789abcdef\"");
        assert_eq!(tags[1], "\"0123456789abcdef-gz\"");
        assert_eq!(tags[2], "\"0123456789abcdef-br\"");
    }
}
