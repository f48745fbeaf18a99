#![deny(clippy::unwrap_used, clippy::expect_used)]

#[cfg(target_arch = "wasm32")]
#[global_allocator]
// SAFETY: the quiz runs on the browser's one main thread, without threads.
static ALLOC: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };

fn main() {
    microneedling_quiz::mount();
}
