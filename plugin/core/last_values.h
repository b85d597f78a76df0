// GIMP 2.10's "last values" (what Repeat Last and the dialogs' pre-filled values use) as a text
// block of named values. GIMP 2.10 keeps one opaque byte block per procedure; writing each value
// under its argument's name, rather than a packed struct, lets a later version add, drop or reorder
// values without misreading an older block, and keeps a prompt of any length whole.
//
// The block:
//   gimp-gpt-image last values 1
//   prompt=a red apple\non a table
//   variations=2
//   color-match=1
//   references=12,14
//   end
// Text escapes `\` as `\\`, newline as `\n`, CR as `\r` and NUL as `\0`; ints are decimal, toggles
// 0/1, id lists comma-separated. The `end` line tells a whole block from one cut short.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace gpt_image {

constexpr const char *kLastValuesHeader = "gimp-gpt-image last values 1";
// The largest block read: far above any real one (models take prompts of some thousand characters),
// small enough that a hostile block cannot make the plug-in allocate much.
constexpr std::size_t kMaxLastValuesBytes = std::size_t{1} << 20;

// One remembered value: its name and the variable it is written from and read into. Reading
// overwrites the variable only with a value that is present and valid, so what it holds before
// reading is its default.
class LastValue {
 public:
  static LastValue text(const char *name, std::string &place);  // valid UTF-8 without NUL, or the default
  static LastValue number(const char *name, int &place, int min, int max);  // in [min, max], or the default
  static LastValue toggle(const char *name, bool &place);                   // 0 or 1, or the default
  // Positive ids, at most `max_count` (writing keeps the first max_count); a longer list, or one
  // with an unreadable id, gives the default.
  static LastValue ids(const char *name, std::vector<int> &place, std::size_t max_count);

 private:
  friend std::string write_last_values(const std::vector<LastValue> &values);
  friend bool read_last_values(std::string_view block, const std::vector<LastValue> &values);
  using Place = std::variant<std::string *, int *, bool *, std::vector<int> *>;
  LastValue(const char *name, Place place, long long min, long long max) : name_(name), place_(place), min_(min), max_(max) {}
  std::string written() const;
  void read(std::string_view escaped) const;  // leaves the place as it is when `escaped` is unusable

  const char *name_;
  Place place_;
  long long min_, max_;  // number: its range; ids: 0 and the most ids
};

// The block holding `values`, in their order.
std::string write_last_values(const std::vector<LastValue> &values);

// Reads `block` into the values named in it. Returns false (and changes nothing) for anything that
// is not a whole block of this format and version: an old packed struct, random bytes, a block cut
// short, or one larger than kMaxLastValuesBytes. Unknown names are ignored.
bool read_last_values(std::string_view block, const std::vector<LastValue> &values);

}  // namespace gpt_image
