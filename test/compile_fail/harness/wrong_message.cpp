// Harness self-test (should_fail): fails, but with another message than expected, so the
// runner must report a failure.
// expect: harness: the message the rule should give
static_assert(sizeof(char) == 2, "harness: some other message");
