//! Malformed and hostile requests: each gets the right status, never a 5xx, and nothing a
//! request carried comes back unescaped.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};

use crate::support::send;

const FORM: &str = "application/x-www-form-urlencoded";

struct Case {
    why: &'static str,
    method: &'static str,
    uri: String,
    content_type: Option<&'static str>,
    body: Vec<u8>,
    status: u16,
}

fn case(why: &'static str, method: &'static str, uri: &str, status: u16) -> Case {
    Case {
        why,
        method,
        uri: uri.to_owned(),
        content_type: None,
        body: Vec::new(),
        status,
    }
}

fn form(why: &'static str, body: impl Into<Vec<u8>>, status: u16) -> Case {
    Case {
        why,
        method: "POST",
        uri: "/quiz".to_owned(),
        content_type: Some(FORM),
        body: body.into(),
        status,
    }
}

fn typed(why: &'static str, content_type: Option<&'static str>, body: &str, status: u16) -> Case {
    Case {
        why,
        method: "POST",
        uri: "/quiz".to_owned(),
        content_type,
        body: body.as_bytes().to_vec(),
        status,
    }
}

#[allow(clippy::too_many_lines)]
fn cases() -> Vec<Case> {
    let long = "a".repeat(5000);
    vec![
        // Oversize bodies and too many fields.
        form("a 1 MiB form body", vec![b'a'; 1024 * 1024], 413),
        form(
            "one byte over the 16 KiB limit",
            vec![b'a'; 16 * 1024 + 1],
            413,
        ),
        form(
            "10,000 fields (over the size limit)",
            "a=1&".repeat(10_000),
            413,
        ),
        form(
            "5,000 fields that are not questions, within the limit",
            "x&".repeat(5_000),
            422,
        ),
        form(
            "exactly 16 KiB of one unknown field",
            format!("z={}", "b".repeat(16 * 1024 - 2)),
            422,
        ),
        // Wrong content types.
        typed(
            "JSON body",
            Some("application/json"),
            "{\"size\":\"small\"}",
            415,
        ),
        typed("plain text body", Some("text/plain"), "size=small", 415),
        typed(
            "multipart body",
            Some("multipart/form-data; boundary=x"),
            "--x--",
            415,
        ),
        typed("no content type", None, "size=small", 415),
        typed(
            "XML body",
            Some("application/xml"),
            "<size>small</size>",
            415,
        ),
        typed(
            "a look-alike content type",
            Some("application/x-www-form-urlencodedx"),
            "size=small",
            415,
        ),
        typed(
            "form with a charset is fine",
            Some("application/x-www-form-urlencoded; charset=utf-8"),
            "size=small",
            303,
        ),
        typed(
            "upper-case form type is fine",
            Some("APPLICATION/X-WWW-FORM-URLENCODED"),
            "size=small",
            303,
        ),
        // Missing, duplicated and unknown fields.
        form("empty body means no answers", "", 303),
        form("every question unanswered", "size=&kind=&admin=", 303),
        form("a question answered twice", "size=small&size=large", 422),
        form(
            "a question answered twice alike",
            "admin=yes&admin=yes",
            422,
        ),
        form("an unknown field", "colour=blue", 422),
        form("an unknown option", "size=huge", 422),
        form("an option of another question", "size=yes", 422),
        form("a field name with no value sign", "size", 303),
        form("only separators", "&&&&", 303),
        form("an equals sign with no name", "=small", 422),
        // Invalid UTF-8 and percent-encoding.
        form("invalid UTF-8 in a value", b"size=\xff\xfe".to_vec(), 422),
        form("invalid UTF-8 in a name", b"\xc3\x28=small".to_vec(), 422),
        form("percent-encoded invalid UTF-8", "size=%FF", 422),
        form("a truncated percent escape", "size=%", 422),
        form("a bad percent escape", "size=%zz", 422),
        form("an overlong UTF-8 encoding", "size=%C0%AE", 422),
        // NUL, CRLF and markup in values.
        form("NUL in a value", "size=%00", 422),
        form("CRLF in a value", "size=small%0D%0ASet-Cookie:%20x=1", 422),
        form("CRLF in a name", "size%0D%0AX:%20y=small", 422),
        form(
            "a script tag as a value",
            "kind=%3Cscript%3Ealert(1)%3C/script%3E",
            422,
        ),
        form(
            "a script tag as a name",
            "%3Cscript%3Ealert(1)%3C/script%3E=1",
            422,
        ),
        form(
            "an attribute breakout",
            "kind=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E",
            422,
        ),
        case(
            "a script tag in a results query",
            "GET",
            "/results?%3Cscript%3Ealert(1)%3C/script%3E=%3Cscript%3E",
            200,
        ),
        case("NUL in a results query", "GET", "/results?size=%00", 200),
        case(
            "CRLF in a results query",
            "GET",
            "/results?size=%0D%0Ax",
            200,
        ),
        case(
            "invalid UTF-8 in a results query",
            "GET",
            "/results?size=%FF",
            200,
        ),
        case(
            "a bad escape in a results query",
            "GET",
            "/results?size=%zz&admin=yes",
            200,
        ),
        case(
            "a script tag in a compare query",
            "GET",
            "/compare?fw=%3Cscript%3E",
            422,
        ),
        case(
            "a script tag in a compare path",
            "GET",
            "/compare/%3Cscript%3E-vs-flask",
            404,
        ),
        case(
            "a script tag in a framework path",
            "GET",
            "/frameworks/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            404,
        ),
        case(
            "a script tag in an API path",
            "GET",
            "/api/frameworks/%3Cscript%3E",
            404,
        ),
        case("invalid UTF-8 in a path", "GET", "/frameworks/%FF%FE", 400),
        case(
            "invalid UTF-8 in an API path",
            "GET",
            "/api/frameworks/%C3%28",
            400,
        ),
        case(
            "a huge query string",
            "GET",
            &format!("/results?size={long}"),
            414,
        ),
        case("a huge path", "GET", &format!("/frameworks/{long}"), 414),
        // Path traversal on /static.
        case("dot-dot in /static", "GET", "/static/../Cargo.toml", 404),
        case(
            "encoded dot-dot in /static",
            "GET",
            "/static/%2e%2e/Cargo.toml",
            404,
        ),
        case(
            "encoded dot-dot-slash in one segment",
            "GET",
            "/static/%2e%2e%2fCargo.toml",
            404,
        ),
        case("backslash traversal", "GET", "/static/..%5cCargo.toml", 404),
        case(
            "double-encoded dot-dot",
            "GET",
            "/static/%252e%252e/Cargo.toml",
            404,
        ),
        case(
            "absolute path in /static",
            "GET",
            "/static/%2fetc%2fpasswd",
            404,
        ),
        case(
            "dot-dot to the source",
            "GET",
            "/static/../src/main.rs",
            404,
        ),
        case(
            "a NUL in a static name",
            "GET",
            "/static/style.css%00.txt",
            404,
        ),
        // Odd methods.
        case("PUT on the questionnaire", "PUT", "/quiz", 405),
        case("DELETE on a page", "DELETE", "/frameworks/django", 405),
        case("PATCH on the API", "PATCH", "/api/frameworks", 405),
        case("TRACE is refused", "TRACE", "/", 405),
        case("OPTIONS is not offered", "OPTIONS", "/compare", 405),
        case("POST to the results page", "POST", "/results", 405),
        case("POST to a static file", "POST", "/static/style.css", 405),
        case("an invented method", "BREW", "/", 405),
        case(
            "HEAD on a page works",
            "HEAD",
            "/compare/django-vs-flask",
            200,
        ),
        case("HEAD on JSON works", "HEAD", "/api/frameworks", 200),
        case("HEAD on results works", "HEAD", "/results?size=large", 200),
        // Malformed compare and API addresses.
        case(
            "a compare URL with five frameworks",
            "GET",
            "/compare/a-vs-b-vs-c-vs-d-vs-e",
            404,
        ),
        case(
            "a compare URL with only separators",
            "GET",
            "/compare/-vs--vs-",
            404,
        ),
        case(
            "an API compare with a repeated slug",
            "GET",
            "/api/compare/flask-vs-flask",
            404,
        ),
        case("a trailing slash", "GET", "/frameworks/django/", 404),
        case("an unknown API route", "GET", "/api/", 404),
    ]
}

#[tokio::test]
async fn malformed_requests_get_the_right_status_and_never_a_server_error() {
    let cases = cases();
    assert!(cases.len() >= 60, "the table has {} cases", cases.len());
    for c in cases {
        let mut request = Request::builder()
            .method(Method::from_bytes(c.method.as_bytes()).unwrap())
            .uri(&c.uri);
        if let Some(content_type) = c.content_type {
            request = request.header("content-type", content_type);
        }
        let mut response = send(request.body(Body::from(c.body.clone())).unwrap()).await;
        // A path not in normal form (dot segments, escaped letters) is first redirected to
        // its normal form, which must stay on the site; the table gives the final status.
        if response.status == StatusCode::MOVED_PERMANENTLY && c.status != 301 {
            let location = response.header("location").unwrap_or_default().to_owned();
            assert!(
                location.starts_with('/') && !location.starts_with("//"),
                "{}: redirected off the site to {location}",
                c.why
            );
            response = crate::support::get(&location).await;
        }
        assert!(
            response.status.as_u16() < 500,
            "{}: got {}",
            c.why,
            response.status
        );
        assert_eq!(
            response.status,
            StatusCode::from_u16(c.status).unwrap(),
            "{}",
            c.why
        );
        assert!(
            !response.body.contains("<script>"),
            "{}: markup comes back escaped",
            c.why
        );
        assert!(
            !response.body.contains("<img src=x"),
            "{}: markup comes back escaped",
            c.why
        );
        assert!(
            !response.body.contains('\0'),
            "{}: no NUL in the page",
            c.why
        );
        assert!(
            response.headers.contains_key("content-security-policy"),
            "{}: headers on every response",
            c.why
        );
        if response.status.is_client_error() {
            let content_type = response.header("content-type").unwrap_or_default();
            let expected = if c.uri.starts_with("/api/") {
                "application/json"
            } else {
                "text/html"
            };
            assert!(
                content_type.starts_with(expected),
                "{}: the site's own error ({content_type})",
                c.why
            );
            assert_eq!(
                response.header("cache-control"),
                Some("no-store"),
                "{}",
                c.why
            );
        }
        if c.method == "HEAD" {
            assert!(response.body.is_empty(), "{}: HEAD has no body", c.why);
        }
        if response.status == StatusCode::METHOD_NOT_ALLOWED {
            assert!(
                response.header("allow").is_some_and(|a| a.contains("GET")),
                "{}: Allow",
                c.why
            );
        }
    }
}
