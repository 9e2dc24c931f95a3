//! 6265bis 5.6 on any bytes: never a panic; what it keeps is what the steps say a cookie can be
//! (name and value trimmed, without ";" or control characters, within 4096 octets), and the
//! comma-joined warning reads any line.
#![no_main]

use cookie_engine::fuzzing::parse_line;
use libfuzzer_sys::fuzz_target;

const NOW: i64 = 1_767_225_600_000;

fuzz_target!(|data: &[u8]| {
    let line = String::from_utf8_lossy(data);
    let _ = cookie_engine::set_cookie_warning(&line);
    let Some(parsed) = parse_line(&line, NOW) else { return };
    let trimmed = |s: &str| s.trim_matches([' ', '\t']) == s;
    assert!(parsed.name.len() + parsed.value.len() <= 4096);
    assert!(!(parsed.name.is_empty() && parsed.value.is_empty()));
    assert!(trimmed(parsed.name) && trimmed(parsed.value));
    assert!(!parsed.name.contains([';', '=']) && !parsed.value.contains(';'));
    assert!(!line.bytes().any(|b| b < 0x20 && b != b'\t' || b == 0x7f), "a control character got through");
    // (A Domain's value loses its leading "." after trimming: 5.6.3 leaves what follows as is.)
    for attribute in [parsed.domain, parsed.path].into_iter().flatten() {
        assert!(attribute.len() <= 1024 && !attribute.contains(';'));
    }
    assert!(parsed.path.is_none_or(trimmed));
    // The age limit (400 days) caps any expiry.
    assert!(parsed.expiry.is_none_or(|expiry| expiry <= NOW + 400 * 86_400_000));
});
