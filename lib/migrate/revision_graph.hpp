#pragma once
// The revisions of a migration program as a graph: each names its down_revision(s); heads are
// revisions nobody revises; merges have several parents. Built once, checked for duplicate
// ids, missing parents and cycles.
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <retort/migrate/revision.hpp>

namespace retort::migrate::detail {

class revision_graph {
public:
    explicit revision_graph(std::vector<revision> revisions);

    const revision& get(const std::string& id) const;
    bool contains(const std::string& id) const { return by_id_.count(id) != 0; }
    // A full id or a unique prefix of one; throws migration_error naming the token otherwise.
    std::string resolve(std::string_view token) const;
    std::vector<std::string> heads() const;
    // Every revision (parents before children; ties in id order).
    const std::vector<std::string>& order() const noexcept { return order_; }
    // `ids` and everything they revise, transitively.
    std::set<std::string> ancestors(const std::vector<std::string>& ids) const;
    // The members of `applied` no other member revises.
    std::vector<std::string> heads_of(const std::set<std::string>& applied) const;
    bool empty() const noexcept { return by_id_.empty(); }

private:
    std::map<std::string, revision> by_id_;
    std::vector<std::string> order_;
};

}  // namespace retort::migrate::detail
