// A run-time column type, spelled by the SQL types' own render_ddl (one spelling per type).
#include <retort/migrate/column_type.hpp>

#include <retort/stmt/ddl.hpp>

namespace retort::migrate {

namespace {

template <class D>
std::string spell(const column_type& type) {
    using kind = column_type::kind;
    retort::detail::ddl_context<D> ctx;
    switch (type.type_kind()) {
        case kind::smallint: retort::smallint::render_ddl(ctx); break;
        case kind::integer: retort::integer::render_ddl(ctx); break;
        case kind::bigint: retort::bigint::render_ddl(ctx); break;
        case kind::real: retort::real::render_ddl(ctx); break;
        case kind::double_precision: retort::double_precision::render_ddl(ctx); break;
        case kind::boolean: retort::boolean::render_ddl(ctx); break;
        case kind::text: retort::text::render_ddl(ctx); break;
        case kind::date: retort::date::render_ddl(ctx); break;
        case kind::time_of_day: retort::time_of_day::render_ddl(ctx); break;
        case kind::timestamp: retort::timestamp::render_ddl(ctx); break;
        case kind::blob: retort::blob::render_ddl(ctx); break;
        case kind::json: retort::json::render_ddl(ctx); break;
        // varchar<N> and numeric<P, S> spell their parameters; here they are run-time values.
        case kind::varchar:
            ctx.put("VARCHAR(");
            ctx.put_number(static_cast<long long>(type.length()));
            ctx.put(')');
            break;
        case kind::numeric:
            ctx.put("NUMERIC(");
            ctx.put_number(type.precision());
            ctx.put(", ");
            ctx.put_number(type.scale());
            ctx.put(')');
            break;
        case kind::other: ctx.put(type.raw_sql()); break;
    }
    return std::move(ctx.sink.text);
}

int integer_rank(column_type::kind k) {
    switch (k) {
        case column_type::kind::smallint: return 1;
        case column_type::kind::integer: return 2;
        case column_type::kind::bigint: return 3;
        default: return 0;
    }
}

}  // namespace

std::string column_type::render(dialect_kind dialect) const {
    return dialect == dialect_kind::postgresql ? spell<postgresql>(*this) : spell<sqlite>(*this);
}

std::string column_type::cpp() const {
    switch (kind_) {
        case kind::smallint: return "smallint{}";
        case kind::integer: return "integer{}";
        case kind::bigint: return "bigint{}";
        case kind::real: return "real{}";
        case kind::double_precision: return "double_precision{}";
        case kind::boolean: return "boolean{}";
        case kind::text: return "text{}";
        case kind::date: return "date{}";
        case kind::time_of_day: return "time_of_day{}";
        case kind::timestamp: return "timestamp{}";
        case kind::blob: return "blob{}";
        case kind::json: return "json{}";
        case kind::varchar: return "varchar<" + std::to_string(length_) + ">{}";
        case kind::numeric: return "numeric<" + std::to_string(precision_) + ", " + std::to_string(scale_) + ">{}";
        case kind::other: break;
    }
    std::string quoted = "column_type::raw(\"";
    for (char c : raw_) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "\")";
}

bool column_type::narrows_to(const column_type& to) const {
    if (*this == to) return false;
    if (is_integer() && to.is_integer()) return integer_rank(to.kind_) < integer_rank(kind_);
    if (kind_ == kind::varchar && to.kind_ == kind::varchar) return to.length_ < length_;
    if (kind_ == kind::varchar && to.kind_ == kind::text) return false;
    if (is_integer() && (to.kind_ == kind::text || to.kind_ == kind::numeric)) return false;
    if (kind_ == kind::numeric && to.kind_ == kind::numeric)
        return to.precision_ - to.scale_ < precision_ - scale_ || to.scale_ < scale_;
    if (kind_ == kind::real && to.kind_ == kind::double_precision) return false;
    return true;  // any other conversion may fail or lose data
}

}  // namespace retort::migrate
