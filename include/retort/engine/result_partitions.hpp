#pragma once
// result.partitions(n): the rows in lists of n (the last one shorter), each read from the
// open result only when the loop reaches it (SQLAlchemy's partitions()). With
// stream_results() the server sends them batch by batch too.
//   for (const auto& batch : conn.execute(stream_results(select(events), 5000)).partitions(5000))
//       write(batch);
#include <cstddef>
#include <iterator>
#include <utility>
#include <vector>

namespace retort {

template <class Result>
class result_partitions {
public:
    using partition = std::vector<typename Result::row_type>;

    result_partitions(Result&& rows, std::size_t size) : rows_(std::move(rows)), size_(size ? size : 1) {}

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = partition;
        using difference_type = std::ptrdiff_t;
        using pointer = const partition*;
        using reference = const partition&;

        iterator() = default;
        explicit iterator(result_partitions* p) : p_(p) { advance(); }
        reference operator*() const { return p_->current_; }
        pointer operator->() const { return &p_->current_; }
        iterator& operator++() {
            advance();
            return *this;
        }
        void operator++(int) { advance(); }
        friend bool operator==(const iterator& a, const iterator& b) { return a.p_ == b.p_; }

    private:
        void advance() {
            p_->current_ = p_->rows_.fetchmany(p_->size_);
            if (p_->current_.empty()) p_ = nullptr;
        }
        result_partitions* p_ = nullptr;
    };
    iterator begin() { return iterator(this); }
    iterator end() { return iterator(); }

private:
    Result rows_;
    std::size_t size_;
    partition current_;
};

}  // namespace retort
