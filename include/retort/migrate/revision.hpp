#pragma once
// One revision: a file in the migration program's versions/ folder, written by
// `revision -m MSG [--autogenerate]`, registering itself with the program:
//   namespace {
//   void upgrade(retort::migrate::op& op) { ... }
//   void downgrade(retort::migrate::op& op) { ... }
//   const retort::migrate::register_revision revision{{
//       .id = "3f2a9c41d7b0", .down_revisions = {"1c0e5d2b8a93"}, .message = "add status",
//       .created = "2026-12-01 12:00:00", .upgrade = upgrade, .downgrade = downgrade}};
//   }
#include <string>
#include <utility>
#include <vector>

namespace retort::migrate {

class op;

struct revision {
    std::string id;
    std::vector<std::string> down_revisions;  // none: a first revision; two or more: a merge
    std::string message;
    std::string created;
    void (*upgrade)(op&) = nullptr;
    void (*downgrade)(op&) = nullptr;
};

// The revisions registered by the program's revision files (in no particular order).
std::vector<revision>& registered_revisions();

struct register_revision {
    explicit register_revision(revision r) { registered_revisions().push_back(std::move(r)); }
};

}  // namespace retort::migrate
