// Harness self-test (should_fail): a case that does not say which error it expects proves
// nothing, so the runner must report a failure even though this does not compile.
static_assert(sizeof(char) == 2, "harness: unannounced failure");
