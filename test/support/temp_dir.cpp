#include "support/temp_dir.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace retort::test::detail {

std::string make_temp_dir(const std::string& prefix) {
    const char* tmpdir = std::getenv("TMPDIR");
    std::string base = tmpdir != nullptr && *tmpdir != '\0' && std::strlen(tmpdir) <= 60 ? tmpdir : "/tmp";
    std::string pattern = base + "/" + prefix + ".XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (mkdtemp(buffer.data()) == nullptr)
        throw std::runtime_error("cannot create a directory like " + pattern + ": " + std::strerror(errno));
    return buffer.data();
}

}  // namespace retort::test::detail
