#pragma once
// A driver statement that writes the values bound to it as text (echo, events, error
// messages), each at its index: a value_binder made with a vector binds to one of these, so
// that each statement's bind() binds and shows its values through the same calls. Included by
// the library (lib/value_text_statement.cpp) and by the render tests, which show numbers and
// text without linking it (dates and times are formatted by the library).
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <retort/driver/param_text.hpp>
#include <retort/driver/statement.hpp>

namespace retort::detail {

class value_text_statement final : public driver::statement {
public:
    explicit value_text_statement(std::vector<std::string>& text) : text_(text) {}

    void bind_null(int index) override { put(index, "NULL"); }
    void bind_int(int index, std::int64_t value) override { put(index, number_param_text(value)); }
    void bind_double(int index, double value) override { put(index, number_param_text(value)); }
    void bind_bool(int index, bool value) override { put(index, value ? "true" : "false"); }
    void bind_text(int index, std::string_view value) override { put(index, quoted_param_text(value)); }
    void bind_blob(int index, std::span<const std::byte> value) override {
        put(index, "<" + std::to_string(value.size()) + " bytes>");
    }

    // Values only: nothing runs here.
    void execute() override { refuse(); }
    bool next() override { refuse(); }
    int column_count() override { refuse(); }
    std::string_view column_name(int) override { refuse(); }
    driver::field_kind kind_of(int) override { refuse(); }
    bool is_null(int) override { refuse(); }
    std::int64_t get_int(int) override { refuse(); }
    double get_double(int) override { refuse(); }
    bool get_bool(int) override { refuse(); }
    std::string_view get_text(int) override { refuse(); }
    std::span<const std::byte> get_blob(int) override { refuse(); }
    bool read_int(int, std::int64_t&) override { refuse(); }
    bool read_double(int, double&) override { refuse(); }
    bool read_text(int, std::string_view&) override { refuse(); }
    bool read_fields(std::span<driver::field>) override { refuse(); }
    driver::row_step next_row(std::span<driver::field>, driver::row_destination) override { refuse(); }
    std::int64_t rows_affected() override { refuse(); }
    std::int64_t last_insert_id() override { refuse(); }
    driver::inserted_row execute_insert() override { refuse(); }
    void finish() noexcept override {}
    bool busy() const noexcept override { return false; }

private:
    void put(int index, std::string value) {
        const auto at = static_cast<std::size_t>(index);
        if (text_.size() <= at) text_.resize(at + 1);
        text_[at] = std::move(value);
    }
    [[noreturn]] static void refuse() { throw std::logic_error("retort: values written as text are not executed"); }

    std::vector<std::string>& text_;
};

}  // namespace retort::detail
