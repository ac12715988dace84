//! Short numbers as text, looked up instead of formatted. A national build writes tens of
//! millions of coordinates, counts and figures; most are below 1,000 (or 1,000.0 in tenths), so
//! their text comes from tables the compiler builds. Each entry sits in a fixed-size slot and is
//! copied whole, then cut to its length: a copy of known size is a store, where a copy of the
//! text's own length is a call into memcpy for every number.

/// Tenths values below this (0.0 to 999.9) are looked up.
pub const TENTHS_TABLE: usize = 10_000;
/// Bytes of each entry: the longest text ("999.9") and padding.
const SLOT: usize = 8;

/// The text of every tenths value below [`TENTHS_TABLE`] ("0", "0.1", ... "999.9"), each in a
/// slot of [`SLOT`] bytes padded with spaces, and each text's length. The entry of `10 * n` is
/// the whole number `n`.
const fn tenths_table() -> ([u8; TENTHS_TABLE * SLOT], [u8; TENTHS_TABLE]) {
    let mut text = [b' '; TENTHS_TABLE * SLOT];
    let mut lens = [0u8; TENTHS_TABLE];
    let mut t = 0;
    while t < TENTHS_TABLE {
        // The whole part's digits, last first.
        let (mut digits, mut n, mut w) = ([0u8; 3], 0, t / 10);
        loop {
            digits[n] = b'0' + (w % 10) as u8;
            n += 1;
            w /= 10;
            if w == 0 {
                break;
            }
        }
        let mut len = 0;
        while len < n {
            text[t * SLOT + len] = digits[n - 1 - len];
            len += 1;
        }
        if t % 10 != 0 {
            text[t * SLOT + len] = b'.';
            text[t * SLOT + len + 1] = b'0' + (t % 10) as u8;
            len += 2;
        }
        lens[t] = len as u8;
        t += 1;
    }
    (text, lens)
}

static TENTHS: ([u8; TENTHS_TABLE * SLOT], [u8; TENTHS_TABLE]) = tenths_table();
static TENTHS_TEXT: &str = match std::str::from_utf8(&TENTHS.0) {
    Ok(text) => text,
    Err(_) => panic!("the tenths table is ASCII"),
};

/// "000" to "999": the groups after the first of a number written with separators.
const fn groups_table() -> [u8; 3000] {
    let mut text = [0u8; 3000];
    let mut g = 0;
    while g < 1000 {
        text[g * 3] = b'0' + (g / 100) as u8;
        text[g * 3 + 1] = b'0' + (g / 10 % 10) as u8;
        text[g * 3 + 2] = b'0' + (g % 10) as u8;
        g += 1;
    }
    text
}

static GROUPS: [u8; 3000] = groups_table();
static GROUPS_TEXT: &str = match std::str::from_utf8(&GROUPS) {
    Ok(text) => text,
    Err(_) => panic!("the groups table is ASCII"),
};

/// Appends the entry of `t` tenths; `t` must be below [`TENTHS_TABLE`].
// Always inlined: a call costs about as much as the lookup.
#[inline(always)]
pub fn push_tenths_small(out: &mut String, t: usize) {
    let len = out.len();
    out.push_str(&TENTHS_TEXT[t * SLOT..(t + 1) * SLOT]);
    out.truncate(len + usize::from(TENTHS.1[t]));
}

/// Appends `t` tenths as "12.3", or "12" when the tenths digit is 0.
pub fn push_tenths(out: &mut String, t: u64) {
    if t < TENTHS_TABLE as u64 {
        push_tenths_small(out, t as usize);
    } else {
        push_uint(out, t / 10);
        if !t.is_multiple_of(10) {
            out.push('.');
            out.push(char::from(b'0' + (t % 10) as u8));
        }
    }
}

/// Appends `n` in digits.
#[inline]
pub fn push_uint(out: &mut String, n: u64) {
    if n < 1000 {
        push_tenths_small(out, n as usize * 10);
    } else {
        out.push_str(itoa::Buffer::new().format(n));
    }
}

/// Appends `n` with a comma between groups of three digits (1234567 → "1,234,567").
pub fn push_grouped_uint(out: &mut String, n: u64) {
    if n < 1000 {
        push_tenths_small(out, n as usize * 10);
        return;
    }
    // The groups, last first: at most seven for a u64.
    let (mut groups, mut count, mut rest) = ([0usize; 7], 0, n);
    while rest >= 1000 {
        groups[count] = (rest % 1000) as usize;
        count += 1;
        rest /= 1000;
    }
    push_tenths_small(out, rest as usize * 10);
    for &g in groups[..count].iter().rev() {
        out.push(',');
        out.push_str(&GROUPS_TEXT[g * 3..g * 3 + 3]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenths_read_as_formatted() {
        for t in (0..TENTHS_TABLE as u64 + 25).chain([123_456, u64::MAX]) {
            let mut s = String::new();
            push_tenths(&mut s, t);
            let expected = if t % 10 == 0 { format!("{}", t / 10) } else { format!("{}.{}", t / 10, t % 10) };
            assert_eq!(s, expected, "{t}");
        }
    }

    #[test]
    fn whole_numbers_with_and_without_separators() {
        let grouped = |n: u64| {
            let digits = n.to_string();
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push(',');
                }
                out.push(c);
            }
            out
        };
        let mut n = 0u64;
        while n < 20_000_000 {
            for v in [n, n + 1, n + 999, n + 1000] {
                let (mut plain, mut sep) = (String::new(), String::new());
                push_uint(&mut plain, v);
                push_grouped_uint(&mut sep, v);
                assert_eq!(plain, v.to_string());
                assert_eq!(sep, grouped(v), "{v}");
            }
            n = n * 3 + 7;
        }
        let mut s = String::from("x");
        push_grouped_uint(&mut s, u64::MAX);
        assert_eq!(s, "x18,446,744,073,709,551,615");
        push_uint(&mut s, 5);
        assert_eq!(s, "x18,446,744,073,709,551,6155");
    }
}
