#pragma once
// The join methods every FROM source has (defined in join.hpp).
namespace retort {

enum class join_kind : unsigned char { inner, left, right, full };

// join(), outerjoin()... for every FROM source (tables, aliases, derived tables, joins).
template <class Self>
struct joinable {
    template <class R>
    constexpr auto join(const R& right) const;
    template <class R, class On>
    constexpr auto join(const R& right, On&& on) const;
    template <class R>
    constexpr auto outerjoin(const R& right) const;
    template <class R, class On>
    constexpr auto outerjoin(const R& right, On&& on) const;
    template <class R>
    constexpr auto right_outerjoin(const R& right) const;
    template <class R, class On>
    constexpr auto right_outerjoin(const R& right, On&& on) const;
    template <class R>
    constexpr auto full_outerjoin(const R& right) const;
    template <class R, class On>
    constexpr auto full_outerjoin(const R& right, On&& on) const;
};

}  // namespace retort
