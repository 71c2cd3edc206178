#pragma once
// Which database a connection, a statement's text or a bound value is for. The dialect
// policies (render/dialect.hpp) and the driver seam (driver/) both name it.
namespace retort {

enum class dialect_kind : unsigned char { sqlite, postgresql };

}  // namespace retort
