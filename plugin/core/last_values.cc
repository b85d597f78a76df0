#include "last_values.h"

#include <glib.h>

#include <charconv>
#include <climits>
#include <utility>

namespace gpt_image {

namespace {

constexpr std::string_view kEndLine = "end";

// Every byte that would break the line structure (or a C string) gets a two-character escape;
// everything else, UTF-8 included, is written as it is.
std::string escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\0': out += "\\0"; break;
      default: out += c;
    }
  }
  return out;
}

// False for a dangling backslash or an escape the writer never makes.
bool unescaped(std::string_view text, std::string &out) {
  out.clear();
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    if (++i == text.size()) return false;
    switch (text[i]) {
      case '\\': out += '\\'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case '0': out += '\0'; break;
      default: return false;
    }
  }
  return true;
}

// Plain decimal only: no sign but '-', no spaces, nothing after the digits.
bool decimal(std::string_view text, long long &value) {
  if (text.empty()) return false;
  const char *end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  return error == std::errc() && stop == end;
}

bool id_list(std::string_view text, std::size_t max_count, std::vector<int> &ids) {
  ids.clear();
  if (text.empty()) return true;
  while (true) {
    const std::size_t comma = text.find(',');
    long long id = 0;
    if (ids.size() == max_count || !decimal(text.substr(0, comma), id) || id < 1 || id > INT_MAX) return false;
    ids.push_back(static_cast<int>(id));
    if (comma == std::string_view::npos) return true;
    text.remove_prefix(comma + 1);
  }
}

}  // namespace

LastValue LastValue::text(const char *name, std::string &place) { return {name, &place, 0, 0}; }
LastValue LastValue::number(const char *name, int &place, int min, int max) { return {name, &place, min, max}; }
LastValue LastValue::toggle(const char *name, bool &place) { return {name, &place, 0, 1}; }
LastValue LastValue::ids(const char *name, std::vector<int> &place, std::size_t max_count) {
  return {name, &place, 0, static_cast<long long>(max_count)};
}

std::string LastValue::written() const {
  if (auto *text = std::get_if<std::string *>(&place_)) return escaped(**text);
  if (auto *number = std::get_if<int *>(&place_)) return std::to_string(**number);
  if (auto *toggle = std::get_if<bool *>(&place_)) return **toggle ? "1" : "0";
  std::string out;
  const std::vector<int> &ids = *std::get<std::vector<int> *>(place_);
  for (std::size_t i = 0; i < ids.size() && static_cast<long long>(i) < max_; ++i)
    out += (i ? "," : "") + std::to_string(ids[i]);
  return out;
}

void LastValue::read(std::string_view value) const {
  if (auto *text = std::get_if<std::string *>(&place_)) {
    // Text goes on into GIMP's C strings and GTK widgets: it must be whole UTF-8 characters, and
    // a NUL (which g_utf8_validate refuses too) would cut it.
    std::string out;
    if (unescaped(value, out) && g_utf8_validate(out.data(), static_cast<gssize>(out.size()), nullptr))
      **text = std::move(out);
  } else if (auto *number = std::get_if<int *>(&place_)) {
    long long read = 0;
    if (decimal(value, read) && read >= min_ && read <= max_) **number = static_cast<int>(read);
  } else if (auto *toggle = std::get_if<bool *>(&place_)) {
    if (value == "0" || value == "1") **toggle = value == "1";
  } else {
    std::vector<int> ids;
    if (id_list(value, static_cast<std::size_t>(max_), ids)) *std::get<std::vector<int> *>(place_) = std::move(ids);
  }
}

std::string write_last_values(const std::vector<LastValue> &values) {
  std::string block = std::string(kLastValuesHeader) + "\n";
  for (const LastValue &value : values) block += std::string(value.name_) + "=" + value.written() + "\n";
  return block + std::string(kEndLine) + "\n";
}

bool read_last_values(std::string_view block, const std::vector<LastValue> &values) {
  const std::string header = std::string(kLastValuesHeader) + "\n";
  const std::string end = "\n" + std::string(kEndLine) + "\n";
  if (block.size() > kMaxLastValuesBytes || block.size() < header.size() + end.size() - 1 ||
      block.substr(0, header.size()) != header || block.substr(block.size() - end.size()) != end)
    return false;
  // Between the header and the end line: name=value lines. The first '=' ends the name (names
  // never hold one); lines without it are skipped, as are names nobody asked for.
  std::string_view lines = block.substr(header.size(), block.size() - header.size() - end.size() + 1);
  std::vector<std::pair<const LastValue *, std::string_view>> found;
  while (!lines.empty()) {
    const std::size_t newline = lines.find('\n');
    const std::string_view line = lines.substr(0, newline);
    // Every line ends with '\n' (the end line follows the last); the guard keeps the loop finite
    // even if that check above were ever loosened.
    lines.remove_prefix(newline == std::string_view::npos ? lines.size() : newline + 1);
    const std::size_t equals = line.find('=');
    if (equals == std::string_view::npos) continue;
    for (const LastValue &value : values)
      if (line.substr(0, equals) == value.name_) found.emplace_back(&value, line.substr(equals + 1));
  }
  for (const auto &[value, text] : found) value->read(text);
  return true;
}

}  // namespace gpt_image
