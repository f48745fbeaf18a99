fn main() {
    microneedling_quiz::mount();
}
