#include "support/url_text.hpp"

#include <cctype>
#include <stdexcept>

namespace retort::test::detail {

std::string percent_encode(std::string_view text, std::string_view keep) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || keep.find(c) != std::string_view::npos) {
            out += c;
        } else {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
        }
    }
    return out;
}

std::string url_with_database(std::string_view url, std::string_view database) {
    auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos)
        throw std::invalid_argument("not a postgresql:// URL: " + std::string(url));
    auto authority_begin = scheme_end + 3;
    auto path_begin = url.find_first_of("/?#", authority_begin);
    if (path_begin == std::string_view::npos) path_begin = url.size();
    auto rest_begin = url.find_first_of("?#", path_begin);
    if (rest_begin == std::string_view::npos) rest_begin = url.size();
    return std::string(url.substr(0, path_begin)) + "/" + percent_encode(database) + std::string(url.substr(rest_begin));
}

}  // namespace retort::test::detail
