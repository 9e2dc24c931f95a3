//! What every importer's target checks (included by each `import_*` target): any text imports
//! or is refused, never a panic; what imports exports again in the same format to a text that
//! imports to the same text (the round trip keeps what the format carries), and our own JSON
//! gives back the same records.

use cookie_engine::{CookieJar, ExportOptions, Format};

const NOW: i64 = 1_767_225_600_000;

pub fn check(format: Format, data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut jar = CookieJar::new();
    let Ok(report) = jar.import(format, &text, NOW) else {
        assert!(jar.is_empty(), "a refused import changed the jar");
        return;
    };
    // Records may replace one another (the same identity) or be evicted by the limits.
    assert!(jar.len() <= report.restored);
    let all = ExportOptions { include_session: true, include_expired: true };
    let written = jar.export(format, NOW, &all);
    let mut again = CookieJar::new();
    again.import(format, &written, NOW).unwrap_or_else(|e| panic!("{e}: {written}"));
    assert_eq!(again.export(format, NOW, &all), written);
    let json = jar.export(Format::Json, NOW, &all);
    let mut copy = CookieJar::new();
    copy.import(Format::Json, &json, NOW).unwrap();
    assert_eq!(copy.records(NOW, &all), jar.records(NOW, &all));
}
