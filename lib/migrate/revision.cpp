#include <retort/migrate/revision.hpp>

namespace retort::migrate {

std::vector<revision>& registered_revisions() {
    static std::vector<revision> revisions;  // filled by static objects of the revision files
    return revisions;
}

}  // namespace retort::migrate
