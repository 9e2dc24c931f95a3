//! The lwp importer on any bytes (see import_common.rs).
#![no_main]

#[path = "import_common.rs"]
mod import_common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| import_common::check(cookie_engine::Format::Lwp, data));
