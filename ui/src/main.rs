//! Entry point of the wasm bundle.

fn main() {
    kartoteka_ui::start();
}
