//! `Accept-Encoding` (RFC 9110 §12.5.3): which content coding a response goes out in.
//!
//! Written here rather than taken from a crate: tower-http's negotiation lives inside its
//! compression layer, which compresses every response as it is sent, and the site compresses
//! only the pages it keeps. The rules are short: every field line counts, codings and the `q`
//! parameter are case-insensitive, `q=0` means "not acceptable", `*` stands for every coding
//! not named, and `identity` is acceptable unless refused by name or by `*;q=0`.

use axum::http::HeaderValue;

/// The content codings the site sends, in the order it prefers them when a client weighs
/// them equally (smallest first).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Coding {
    Brotli,
    Gzip,
    Identity,
}

impl Coding {
    /// Every coding, in the server's order of preference.
    pub const ALL: [Coding; 3] = [Coding::Brotli, Coding::Gzip, Coding::Identity];

    /// The token in `Accept-Encoding` and `Content-Encoding`.
    pub fn token(self) -> &'static str {
        match self {
            Coding::Brotli => "br",
            Coding::Gzip => "gzip",
            Coding::Identity => "identity",
        }
    }

    /// Whether `name` (from a header) names this coding; `x-gzip` is gzip (RFC 9110 §8.4.1.3).
    fn named(self, name: &str) -> bool {
        name.eq_ignore_ascii_case(self.token())
            || (self == Coding::Gzip && name.eq_ignore_ascii_case("x-gzip"))
    }
}

/// What a client said about one coding: its weight in thousandths, where given.
#[derive(Default, Clone, Copy)]
struct Preferences {
    /// Indexed like [`Coding::ALL`].
    named: [Option<u16>; 3],
    any: Option<u16>,
}

impl Preferences {
    fn read<'a>(values: impl IntoIterator<Item = &'a HeaderValue>) -> Preferences {
        let mut preferences = Preferences::default();
        for value in values {
            // A field value that is not text says nothing we can read.
            let Ok(text) = value.to_str() else { continue };
            for element in text.split(',') {
                let mut parts = element.split(';');
                let name = parts.next().unwrap_or("").trim();
                if name.is_empty() {
                    continue;
                }
                let mut weight = Some(1000);
                for parameter in parts {
                    let (key, value) = parameter.split_once('=').unwrap_or((parameter, ""));
                    if key.trim().eq_ignore_ascii_case("q") {
                        weight = qvalue(value.trim());
                    }
                }
                // An element whose weight cannot be read is left out, as if not sent.
                let Some(weight) = weight else { continue };
                let slot = if name == "*" {
                    &mut preferences.any
                } else if let Some(i) = Coding::ALL.iter().position(|c| c.named(name)) {
                    &mut preferences.named[i]
                } else {
                    continue;
                };
                // The first mention of a coding counts.
                slot.get_or_insert(weight);
            }
        }
        preferences
    }

    /// The weight of `coding`, in thousandths: 0 means not acceptable.
    fn weight(&self, coding: Coding) -> u16 {
        let i = Coding::ALL.iter().position(|&c| c == coding).unwrap_or(0);
        match (self.named[i], self.any, coding) {
            (Some(weight), _, _) | (None, Some(weight), _) => weight,
            // Acceptable unless refused, but never preferred to a coding the client named.
            (None, None, Coding::Identity) => 1,
            (None, None, _) => 0,
        }
    }
}

/// A `qvalue` in thousandths: `0`, `0.5`, `1`, `1.000`; `None` when malformed.
fn qvalue(text: &str) -> Option<u16> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(3)
        .fold(0_u16, |n, digit| n * 10 + u16::from(digit - b'0'));
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// The coding to send, from the request's `Accept-Encoding` field lines, among those
/// `available` (identity is always available): the one the client weighs highest, the
/// server's preference ([`Coding::ALL`]) breaking ties. Without the header, identity. When
/// the client refuses every coding, identity anyway: an answer it may not like beats none.
pub fn negotiate<'a>(
    accept_encoding: impl IntoIterator<Item = &'a HeaderValue>,
    available: impl Fn(Coding) -> bool,
) -> Coding {
    let mut values = accept_encoding.into_iter().peekable();
    if values.peek().is_none() {
        return Coding::Identity;
    }
    let preferences = Preferences::read(values);
    let mut best = (Coding::Identity, 0);
    for coding in Coding::ALL {
        let weight = preferences.weight(coding);
        if weight > best.1 && (coding == Coding::Identity || available(coding)) {
            best = (coding, weight);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::{Coding, negotiate};
    use axum::http::HeaderValue;

    fn pick(lines: &[&str]) -> Coding {
        let values: Vec<HeaderValue> = lines
            .iter()
            .map(|l| HeaderValue::from_str(l).unwrap())
            .collect();
        negotiate(&values, |_| true)
    }

    #[test]
    fn accept_encoding_follows_rfc_9110() {
        use Coding::{Brotli, Gzip, Identity};
        let cases: &[(&[&str], Coding, &str)] = &[
            (&[], Identity, "no header: no coding"),
            (&[""], Identity, "an empty header asks for no coding"),
            (
                &["gzip, deflate, br, zstd"],
                Brotli,
                "a browser's list: the smallest we have",
            ),
            (&["gzip"], Gzip, "only gzip"),
            (&["GZIP"], Gzip, "codings are case-insensitive"),
            (&["x-gzip"], Gzip, "x-gzip is gzip"),
            (&["gzip;q=0, br;q=0"], Identity, "both refused"),
            (&["br;Q=0, gzip"], Gzip, "Q is q"),
            (&["gzip;q=0, *"], Brotli, "* covers the codings not named"),
            (&["*;q=0"], Identity, "everything refused: identity anyway"),
            (&["br;q=0.5, gzip;q=0.8"], Gzip, "the highest weight wins"),
            (
                &["br;q=0.8, gzip;q=0.8"],
                Brotli,
                "a tie goes to the server's preference",
            ),
            (&["gzip;q=0.5"], Gzip, "identity unnamed is the last resort"),
            (&["*"], Brotli, "* alone: anything, so the smallest"),
            (
                &["identity;q=1, br;q=0.9"],
                Identity,
                "identity weighed highest",
            ),
            (
                &["gzip;q=0.001"],
                Gzip,
                "a small weight is still acceptable",
            ),
            (
                &["gzip;q=0.0000"],
                Identity,
                "more than three decimals is malformed",
            ),
            (
                &["br;q=2, gzip"],
                Gzip,
                "a weight above 1 is malformed and left out",
            ),
            (&["br ; q = 0 , gzip"], Gzip, "spaces around the parameter"),
            (&["gzip;q=0", "br"], Brotli, "a second field line counts"),
            (
                &["br;q=0", "br"],
                Identity,
                "the first mention of a coding counts",
            ),
            (&["deflate, zstd"], Identity, "only codings we do not have"),
            (&[", ,gzip,"], Gzip, "empty list elements are ignored"),
        ];
        for (lines, expected, why) in cases {
            assert_eq!(pick(lines), *expected, "{lines:?}: {why}");
        }
    }

    #[test]
    fn a_coding_the_page_lacks_is_not_chosen() {
        let values = [HeaderValue::from_static("br, gzip;q=0.5")];
        assert_eq!(negotiate(&values, |c| c != Coding::Brotli), Coding::Gzip);
        assert_eq!(negotiate(&values, |_| false), Coding::Identity);
    }
}
