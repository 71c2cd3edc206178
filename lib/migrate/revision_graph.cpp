#include "revision_graph.hpp"

#include <algorithm>

#include <retort/migrate/migration_error.hpp>

namespace retort::migrate::detail {

revision_graph::revision_graph(std::vector<revision> revisions) {
    for (auto& r : revisions) {
        if (r.id.empty()) throw migration_error("a revision has an empty id (message: '" + r.message + "')");
        if (by_id_.count(r.id)) throw migration_error("revision id '" + r.id + "' is used by two revision files");
        const std::string id = r.id;
        by_id_.emplace(id, std::move(r));
    }
    for (const auto& [id, r] : by_id_)
        for (const auto& parent : r.down_revisions)
            if (!by_id_.count(parent))
                throw migration_error("revision '" + id + "' revises '" + parent + "', which does not exist");
    // Kahn's algorithm: whatever is never ready lies on a cycle.
    std::map<std::string, std::size_t> waiting;
    for (const auto& [id, r] : by_id_) waiting[id] = r.down_revisions.size();
    std::set<std::string> ready;
    for (const auto& [id, count] : waiting)
        if (count == 0) ready.insert(id);
    while (!ready.empty()) {
        const std::string id = *ready.begin();
        ready.erase(ready.begin());
        order_.push_back(id);
        for (const auto& [child, r] : by_id_)
            for (const auto& parent : r.down_revisions)
                if (parent == id && --waiting[child] == 0) ready.insert(child);
    }
    if (order_.size() != by_id_.size())
        for (const auto& [id, count] : waiting)
            if (count != 0) throw migration_error("the revisions form a cycle through '" + id + "'");
}

const revision& revision_graph::get(const std::string& id) const {
    auto it = by_id_.find(id);
    if (it == by_id_.end()) throw migration_error("no revision '" + id + "'");
    return it->second;
}

std::string revision_graph::resolve(std::string_view token) const {
    if (by_id_.count(std::string(token))) return std::string(token);
    std::vector<std::string> matches;
    for (const auto& [id, r] : by_id_)
        if (id.starts_with(token)) matches.push_back(id);
    if (token.empty() || matches.empty()) throw migration_error("no revision '" + std::string(token) + "'");
    if (matches.size() > 1) {
        std::string list;
        for (const auto& m : matches) list += (list.empty() ? "" : ", ") + m;
        throw migration_error("revision '" + std::string(token) + "' is ambiguous: " + list);
    }
    return matches.front();
}

std::vector<std::string> revision_graph::heads() const {
    std::set<std::string> all;
    for (const auto& [id, r] : by_id_) all.insert(id);
    return heads_of(all);
}

std::set<std::string> revision_graph::ancestors(const std::vector<std::string>& ids) const {
    std::set<std::string> out;
    std::vector<std::string> todo(ids.begin(), ids.end());
    while (!todo.empty()) {
        std::string id = std::move(todo.back());
        todo.pop_back();
        if (!out.insert(id).second) continue;
        for (const auto& parent : get(id).down_revisions) todo.push_back(parent);
    }
    return out;
}

std::vector<std::string> revision_graph::heads_of(const std::set<std::string>& applied) const {
    std::set<std::string> revised;
    for (const auto& id : applied)
        for (const auto& parent : get(id).down_revisions) revised.insert(parent);
    std::vector<std::string> out;
    for (const auto& id : applied)
        if (!revised.count(id)) out.push_back(id);
    return out;
}

}  // namespace retort::migrate::detail
