#pragma once
// A migration command that cannot run as asked: an unknown or ambiguous revision, a broken
// revision graph, a database stamped with a revision the program does not have. Its message
// is one line naming the revision.
#include <retort/core/errors.hpp>

namespace retort::migrate {

class migration_error : public error {
    using error::error;
};

}  // namespace retort::migrate
