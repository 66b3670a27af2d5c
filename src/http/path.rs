//! The normal form of a request path (RFC 3986 §6.2.2), so that one resource has one address:
//! `/compare/%64jango-vs-fl%61sk` and `//compare//django-vs-flask` are both
//! `/compare/django-vs-flask`, and the site answers the other spellings with a redirect
//! before doing any work for them.

/// The path in normal form, or `None` when it already is: percent-encoded unreserved
/// characters decoded, the hex digits of other escapes in upper case, runs of slashes made
/// one, and `.` and `..` segments resolved. An escape that is not `%` and two hex digits is
/// left as it is (the router rejects it).
pub fn normalized(path: &str) -> Option<String> {
    if is_normal(path) {
        return None;
    }
    let decoded = decode_unreserved(path);
    let last = decoded.rsplit('/').next().unwrap_or("");
    let trailing_slash = matches!(last, "" | "." | "..");
    let mut segments: Vec<&str> = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            segment => segments.push(segment),
        }
    }
    let mut normal = String::with_capacity(decoded.len());
    for segment in &segments {
        normal.push('/');
        normal.push_str(segment);
    }
    if trailing_slash || segments.is_empty() {
        normal.push('/');
    }
    (normal != path).then_some(normal)
}

/// Whether a path has nothing to normalise: no escape, no empty segment but a trailing one,
/// no `.` or `..` segment. One pass, since every request asks.
fn is_normal(path: &str) -> bool {
    let bytes = path.as_bytes();
    let dot_segment = |length: usize, dots: usize| length > 0 && length <= 2 && dots == length;
    let (mut length, mut dots) = (0, 0);
    for &byte in bytes.get(1..).unwrap_or_default() {
        match byte {
            b'%' => return false,
            b'/' => {
                if length == 0 || dot_segment(length, dots) {
                    return false;
                }
                (length, dots) = (0, 0);
            }
            b'.' => (length, dots) = (length + 1, dots + 1),
            _ => length += 1,
        }
    }
    !dot_segment(length, dots)
}

/// Decodes `%XX` where it stands for an unreserved character; upper-cases the others.
fn decode_unreserved(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = String::with_capacity(path.len());
    let mut i = 0;
    while i < bytes.len() {
        let escape = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .filter(|hex| hex.iter().all(u8::is_ascii_hexdigit));
        if let Some(hex) = escape {
            let byte = hex_value(hex[0]) * 16 + hex_value(hex[1]);
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                out.push(char::from(byte));
            } else {
                out.push('%');
                out.push(char::from(hex[0].to_ascii_uppercase()));
                out.push(char::from(hex[1].to_ascii_uppercase()));
            }
            i += 3;
        } else {
            // Everything else is copied whole, a multi-byte character included.
            let next = path[i..]
                .char_indices()
                .nth(1)
                .map_or(path.len(), |(n, _)| i + n);
            out.push_str(&path[i..next]);
            i = next;
        }
    }
    out
}

fn hex_value(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        b'a'..=b'f' => digit - b'a' + 10,
        _ => digit - b'A' + 10,
    }
}

#[cfg(test)]
mod tests {
    use super::normalized;

    #[test]
    fn paths_are_normalised_as_rfc_3986_says() {
        let cases: &[(&str, Option<&str>, &str)] = &[
            ("/", None, "the root"),
            ("/compare/django-vs-flask", None, "already normal"),
            ("/frameworks/", None, "a trailing slash is kept"),
            (
                "/compare/%64jango-vs-fl%61sk",
                Some("/compare/django-vs-flask"),
                "escaped letters",
            ),
            (
                "/compare/%44jango",
                Some("/compare/Django"),
                "case is not changed by decoding",
            ),
            (
                "//compare//django-vs-flask",
                Some("/compare/django-vs-flask"),
                "repeated slashes",
            ),
            (
                "/compare/./django-vs-flask",
                Some("/compare/django-vs-flask"),
                "a dot segment",
            ),
            ("/quiz/weights/..", Some("/quiz/"), "a dot-dot segment"),
            ("/../..", Some("/"), "dot-dot above the root"),
            (
                "/static/a%2fb",
                Some("/static/a%2Fb"),
                "a reserved escape stays, upper-cased",
            ),
            (
                "/static/a%2Fb",
                None,
                "a reserved escape already upper case",
            ),
            ("/x%zz", None, "an invalid escape is left to the router"),
            ("/x%4", None, "a cut escape is left to the router"),
            ("/caf%C3%A9", None, "non-ASCII escapes stay escaped"),
            ("/%7Euser", Some("/~user"), "a tilde"),
            ("/a/%2e%2e/b", Some("/b"), "escaped dots form a dot segment"),
            (
                "/a%2e%2e/b",
                Some("/a../b"),
                "dots inside a segment are not a dot segment",
            ),
            ("/é//x", Some("/é/x"), "raw non-ASCII is copied whole"),
            (
                "/a/.b/c..",
                None,
                "dots inside segments are not dot segments",
            ),
            ("/a/..", Some("/"), "a final dot-dot"),
            ("/a/.", Some("/a/"), "a final dot"),
            ("*", None, "the asterisk form"),
        ];
        for (path, expected, why) in cases {
            assert_eq!(normalized(path).as_deref(), *expected, "{path}: {why}");
        }
    }
}
