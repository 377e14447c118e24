//! The resident app's wasm bundle. Its own crate so that the linker keeps only what
//! `ResidentApp` reaches: the staff pages never reach a resident's phone.

use wasm_bindgen::prelude::*;

/// Run by wasm-bindgen's `init()` from the boot script.
#[wasm_bindgen(start)]
pub fn start() {
    loket_app::start(loket_app::ResidentApp);
}
