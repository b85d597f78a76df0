#include "gimp2/gimp2_last_values.h"

#include <libgimp/gimp.h>

#include <string>

namespace gpt_image {

void load_last_values_gimp2(const char *procedure, const std::vector<LastValue> &values) {
  // The size is asked first so an oversized block is never copied (gimp_get_data copies it whole).
  const gint size = gimp_get_data_size(procedure);
  if (size <= 0 || static_cast<std::size_t>(size) > kMaxLastValuesBytes) return;
  std::string block(static_cast<std::size_t>(size), '\0');
  if (!gimp_get_data(procedure, block.data())) return;
  read_last_values(block, values);
}

void store_last_values_gimp2(const char *procedure, const std::vector<LastValue> &values) {
  // Stored even when larger than kMaxLastValuesBytes (a prompt of a million bytes, which no model
  // takes): reading it back then gives the defaults rather than a cut prompt.
  const std::string block = write_last_values(values);
  gimp_set_data(procedure, block.data(), block.size());
}

}  // namespace gpt_image
