//! The staff app's wasm bundle (the pages under `/medewerker`). Its own crate so that the
//! linker keeps only what `StaffApp` reaches.

use wasm_bindgen::prelude::*;

/// Run by wasm-bindgen's `init()` from the boot script.
#[wasm_bindgen(start)]
pub fn start() {
    loket_app::start(loket_app::StaffApp);
}
