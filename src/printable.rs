//! User input made fit to echo in a message.

/// User input as it may be echoed on a page: control characters (NUL, CR, LF…) shown as
/// escapes, and cut to a readable length. HTML escaping is the template's job.
pub fn printable(text: &str) -> String {
    const MAX: usize = 40;
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}
