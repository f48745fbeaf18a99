#![deny(clippy::unwrap_used, clippy::expect_used)]
fn main() {
    microneedling_quiz::author::mount();
}
