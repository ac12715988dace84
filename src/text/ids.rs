//! Identifiers made from text: URL slugs and short stable hashes.

/// Turns a name into a URL segment: lowercase ASCII letters, digits and dashes.
/// Returns an empty string when nothing usable is left (e.g. a Thai-only name).
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for ch in s.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A short, stable identifier for text that has no ASCII form (FNV-1a, 32 bits, hex).
pub fn stable_id(s: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_ids() {
        assert_eq!(slugify("Khlong Thom"), "khlong-thom");
        assert_eq!(slugify("  Mueang Krabi!"), "mueang-krabi");
        assert_eq!(slugify("กระบี่"), "");
        assert_eq!(stable_id("กระบี่"), stable_id("กระบี่"));
        assert_ne!(stable_id("กระบี่"), stable_id("ชลบุรี"));
    }
}
