#include "database_url.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <retort/core/errors.hpp>

namespace retort::detail {
namespace {

[[noreturn]] void fail(std::string_view what, std::string_view masked_url) {
    throw url_error(std::string(what) + " in URL '" + std::string(masked_url) + "'");
}

int hex_digit(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

// k=v&k2=v2, as Python's parse_qsl (which SQLAlchemy uses): '+' is a space.
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view text, std::string_view masked_url) {
    std::vector<std::pair<std::string, std::string>> out;
    while (!text.empty()) {
        const std::size_t amp = text.find('&');
        std::string_view item = text.substr(0, amp);
        text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
        if (item.empty()) continue;
        const std::size_t eq = item.find('=');
        if (eq == std::string_view::npos) fail("query option '" + std::string(item) + "' has no value (write key=value)", masked_url);
        std::string key(item.substr(0, eq)), value(item.substr(eq + 1));
        std::replace(key.begin(), key.end(), '+', ' ');
        std::replace(value.begin(), value.end(), '+', ' ');
        key = percent_decode(key, "query option name", masked_url);
        if (key.empty()) fail("a query option has an empty name", masked_url);
        value = percent_decode(value, "query option '" + key + "'", masked_url);
        out.emplace_back(std::move(key), std::move(value));
    }
    return out;
}

void parse_sqlite(std::string_view rest, database_url& url) {
    // sqlite:// + "" (memory) | "/relative.db" | "//absolute.db" (the leading '/' is the separator)
    if (!rest.empty() && rest.front() != '/')
        fail("SQLite URLs have no host ('" + std::string(rest) +
                 "'): write sqlite:///relative.db, sqlite:////absolute/path.db or sqlite:// for memory",
             url.masked);
    url.database = rest.empty() ? std::string{} : percent_decode(rest.substr(1), "database path", url.masked);
}

void parse_postgresql(std::string_view rest, database_url& url) {
    // [user[:password]@][host|[ipv6]][:port][/dbname], as SQLAlchemy's URL pattern:
    // the user name stops at ':' or '/', the password at the first '@'.
    const std::size_t at = rest.find('@');
    if (at != std::string_view::npos) {
        const std::string_view userinfo = rest.substr(0, at);
        const std::size_t colon = userinfo.find(':');
        const std::string_view user = userinfo.substr(0, colon);
        if (user.find('/') == std::string_view::npos) {
            url.username = percent_decode(user, "user name", url.masked);
            if (colon != std::string_view::npos)
                url.password = percent_decode(userinfo.substr(colon + 1), "password", url.masked);
            rest.remove_prefix(at + 1);
        }
    }
    const std::size_t slash = rest.find('/');
    std::string_view hostport = rest.substr(0, slash);
    if (slash != std::string_view::npos) url.database = percent_decode(rest.substr(slash + 1), "database name", url.masked);

    std::string_view port;
    bool has_port = false;
    if (!hostport.empty() && hostport.front() == '[') {
        const std::size_t close = hostport.find(']');
        if (close == std::string_view::npos) fail("IPv6 host '" + std::string(hostport) + "' lacks its closing ']'", url.masked);
        url.host = std::string(hostport.substr(1, close - 1));
        hostport.remove_prefix(close + 1);
        if (!hostport.empty()) {
            if (hostport.front() != ':') fail("unexpected '" + std::string(hostport) + "' after the IPv6 host", url.masked);
            port = hostport.substr(1);
            has_port = true;
        }
    } else {
        const std::size_t colon = hostport.find(':');
        url.host = percent_decode(hostport.substr(0, colon), "host", url.masked);
        if (colon != std::string_view::npos) {
            port = hostport.substr(colon + 1);
            has_port = true;
        }
    }
    if (has_port) {
        int value = 0;
        const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (port.empty()) fail("port is empty", url.masked);
        if (ec != std::errc{} || end != port.data() + port.size())
            fail("port '" + std::string(port) + "' is not a number", url.masked);
        if (value < 1 || value > 65535) fail("port " + std::string(port) + " is out of range (1-65535)", url.masked);
        url.port = value;
    }
}

}  // namespace

std::string percent_decode(std::string_view text, std::string_view what, std::string_view masked_url) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        const int hi = i + 1 < text.size() ? hex_digit(text[i + 1]) : -1;
        const int lo = i + 2 < text.size() ? hex_digit(text[i + 2]) : -1;
        if (hi < 0 || lo < 0)
            fail("malformed percent escape '" + std::string(text.substr(i, 3)) + "' in the " + std::string(what) +
                     " (write %25 for a literal '%')",
                 masked_url);
        out += char(hi * 16 + lo);
        i += 2;
    }
    return out;
}

const std::string* database_url::option(std::string_view key) const noexcept {
    for (const auto& [k, v] : query)
        if (k == key) return &v;
    return nullptr;
}

std::optional<bool> database_url::flag(std::string_view key) const {
    const std::string* value = option(key);
    if (value == nullptr) return std::nullopt;
    const std::string v = lowercase(*value);
    if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
    if (v == "false" || v == "0" || v == "no" || v == "off") return false;
    fail("query option '" + std::string(key) + "' is '" + *value + "', not true or false", masked);
}

database_url parse_database_url(std::string_view text) {
    database_url url;
    const std::size_t sep = text.find("://");
    // Mask before anything can fail, so no error message shows the password.
    url.masked = std::string(text);
    if (sep != std::string_view::npos) {
        const std::size_t authority_end = std::min(text.find('?', sep + 3), text.size());
        const std::size_t at = text.substr(0, authority_end).find('@', sep + 3);
        if (at != std::string_view::npos) {
            const std::size_t colon = text.find(':', sep + 3);
            if (colon < at && text.substr(sep + 3, colon - sep - 3).find('/') == std::string_view::npos)
                url.masked = std::string(text.substr(0, colon + 1)) + "***" + std::string(text.substr(at));
        }
    }
    if (sep == std::string_view::npos || sep == 0)
        throw url_error("URL '" + url.masked +
                        "' has no scheme: expected e.g. sqlite:///file.db, sqlite:// or "
                        "postgresql://user:password@host:port/dbname");

    url.scheme = std::string(text.substr(0, sep));
    const std::string scheme = lowercase(url.scheme);
    std::string_view rest = text.substr(sep + 3);
    const std::size_t question = rest.find('?');
    if (question != std::string_view::npos) {
        url.query = parse_query(rest.substr(question + 1), url.masked);
        rest = rest.substr(0, question);
    }
    if (scheme == "sqlite" || scheme == "sqlite+sqlite3") {
        url.dialect = dialect_kind::sqlite;
        parse_sqlite(rest, url);
    } else if (scheme == "postgresql" || scheme == "postgres" || scheme == "postgresql+libpqxx") {
        url.dialect = dialect_kind::postgresql;
        parse_postgresql(rest, url);
    } else {
        fail("unknown database scheme '" + url.scheme +
                 "' (known: sqlite, postgresql, postgres, postgresql+libpqxx)",
             url.masked);
    }
    return url;
}

}  // namespace retort::detail
