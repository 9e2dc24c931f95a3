//! 6265bis 5.1.1 and the ISO 8601 dates of saved jars, on any text: never a panic; a date that
//! parses is a real one, written back as an HTTP date (or ISO 8601) it parses to the same time.
#![no_main]

use cookie_engine::fuzzing::{cookie_date, format_iso, http_date, iso_8601};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(time) = cookie_date(&text) {
        // Years 1601-9999, whole seconds.
        assert!(time >= -11_644_473_600_000 && time < 253_402_300_800_000 && time % 1000 == 0, "{time}");
        let written = http_date(time);
        assert_eq!(cookie_date(&written), Some(time), "{written}");
    }
    if let Some(time) = iso_8601(&text) {
        if time.abs() <= 8_640_000_000_000_000 {
            let written = format_iso(time);
            assert_eq!(iso_8601(&written), Some(time), "{written}");
        }
    }
});
