//! The `Host` header (RFC 9112 §3.2): an HTTP/1.1 request without one, any request with more
//! than one, or with one that is not a valid `uri-host [ ":" port ]`, gets `400`.
//!
//! hyper parses requests but leaves this rule to the application. HTTP/1.0 and HTTP/2
//! requests may leave `Host` out (HTTP/2 names the host in `:authority`).

use axum::http::{HeaderMap, Version, header};

/// Why a request's `Host` header is not acceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostProblem {
    Missing,
    Repeated,
    Invalid,
}

impl HostProblem {
    /// What the client is told.
    pub fn describe(self) -> &'static str {
        match self {
            HostProblem::Missing => "The request has no Host header, which HTTP/1.1 requires.",
            HostProblem::Repeated => "The request has more than one Host header.",
            HostProblem::Invalid => "The request's Host header is not a valid host name.",
        }
    }
}

/// Checks a request's `Host` field lines.
pub fn check(version: Version, headers: &HeaderMap) -> Result<(), HostProblem> {
    let mut lines = headers.get_all(header::HOST).iter();
    let Some(host) = lines.next() else {
        return if version == Version::HTTP_11 {
            Err(HostProblem::Missing)
        } else {
            Ok(())
        };
    };
    if lines.next().is_some() {
        return Err(HostProblem::Repeated);
    }
    if valid(host.as_bytes()) {
        Ok(())
    } else {
        Err(HostProblem::Invalid)
    }
}

/// `uri-host [ ":" port ]` (RFC 3986 §3.2.2–3.2.3). An empty value is valid: a client sends
/// one when the target has no authority.
fn valid(value: &[u8]) -> bool {
    let (host, port) = if value.first() == Some(&b'[') {
        // IP-literal: an IPv6 address in brackets.
        let Some(close) = value.iter().position(|&b| b == b']') else {
            return false;
        };
        let inside = std::str::from_utf8(&value[1..close]).unwrap_or("");
        if inside.parse::<std::net::Ipv6Addr>().is_err() {
            return false;
        }
        match &value[close + 1..] {
            [] => (&value[..0], None),
            [b':', port @ ..] => (&value[..0], Some(port)),
            _ => return false,
        }
    } else {
        match value.iter().rposition(|&b| b == b':') {
            Some(colon) => (&value[..colon], Some(&value[colon + 1..])),
            None => (value, None),
        }
    };
    let port_ok = port.is_none_or(|p| p.len() <= 5 && p.iter().all(u8::is_ascii_digit));
    port_ok && reg_name(host)
}

/// `reg-name` (which also covers IPv4 addresses): unreserved characters, sub-delimiters and
/// percent-encoded bytes.
fn reg_name(host: &[u8]) -> bool {
    let mut i = 0;
    while i < host.len() {
        match host[i] {
            b'%' => {
                let escaped = host.get(i + 1..i + 3);
                if !escaped.is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)) {
                    return false;
                }
                i += 3;
                continue;
            }
            // Unreserved characters and sub-delimiters.
            b'a'..=b'z'
            | b'A'..=b'Z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'=' => {}
            _ => return false,
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::{HostProblem, check};
    use axum::http::{HeaderMap, HeaderValue, Version};

    type Case<'a> = (Version, &'a [&'a [u8]], Result<(), HostProblem>, &'a str);

    fn host(version: Version, values: &[&[u8]]) -> Result<(), HostProblem> {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append("host", HeaderValue::from_bytes(value).unwrap());
        }
        check(version, &headers)
    }

    #[test]
    fn host_headers_follow_rfc_9112() {
        use HostProblem::{Invalid, Missing, Repeated};
        let v11 = Version::HTTP_11;
        let cases: &[Case] = &[
            (v11, &[b"example.org"], Ok(()), "a name"),
            (v11, &[b"127.0.0.1:3000"], Ok(()), "an address and port"),
            (v11, &[b"[::1]:3000"], Ok(()), "an IPv6 literal and port"),
            (v11, &[b"[::1]"], Ok(()), "an IPv6 literal"),
            (
                v11,
                &[b"localhost:"],
                Ok(()),
                "an empty port is allowed by the grammar",
            ),
            (v11, &[b""], Ok(()), "an empty value"),
            (
                v11,
                &[b"xn--bcher-kva.example"],
                Ok(()),
                "an IDN in ASCII form",
            ),
            (v11, &[], Err(Missing), "HTTP/1.1 requires Host"),
            (Version::HTTP_10, &[], Ok(()), "HTTP/1.0 may leave it out"),
            (Version::HTTP_2, &[], Ok(()), "HTTP/2 uses :authority"),
            (
                v11,
                &[b"a.example", b"b.example"],
                Err(Repeated),
                "two different hosts",
            ),
            (
                v11,
                &[b"a.example", b"a.example"],
                Err(Repeated),
                "the same host twice",
            ),
            (
                Version::HTTP_10,
                &[b"a", b"b"],
                Err(Repeated),
                "repeated in HTTP/1.0 too",
            ),
            (v11, &[b"user@example.org"], Err(Invalid), "no userinfo"),
            (v11, &[b"example.org/path"], Err(Invalid), "no path"),
            (v11, &[b"example.org:80:80"], Err(Invalid), "two ports"),
            (
                v11,
                &[b"example.org:http"],
                Err(Invalid),
                "a port is digits",
            ),
            (
                v11,
                &[b"example.org:123456"],
                Err(Invalid),
                "a port has at most five digits",
            ),
            (v11, &[b"exa mple.org"], Err(Invalid), "no spaces"),
            (v11, &[b"[::1"], Err(Invalid), "an unclosed literal"),
            (
                v11,
                &[b"[not-ipv6]"],
                Err(Invalid),
                "a literal that is no address",
            ),
            (v11, &[b"ex%4"], Err(Invalid), "a cut percent escape"),
            (v11, &[b"ex%41mple"], Ok(()), "a percent escape"),
            (v11, &[b"\xc3\xa9.example"], Err(Invalid), "raw UTF-8"),
        ];
        for (version, values, expected, why) in cases {
            assert_eq!(host(*version, values), *expected, "{values:?}: {why}");
        }
    }
}
