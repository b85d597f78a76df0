// The model catalogue: what each model accepts and costs, as data. A JSON file shipped beside the
// plug-in (models.json, found from the program's own path) describes the known models and the rules
// for unknown ones; an optional models.json in the plug-in's folder of the GIMP profile adds entries
// or overrides them, so a new model needs no new release. Entries match a model name exactly
// ("name") or by its start ("prefix"); an exact name beats any prefix and the longest prefix wins.
// Both files are read through load_bounded_json() and bounded in size and in every value.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "image_models.h"

namespace gpt_image {

constexpr size_t kMaxCatalogueBytes = size_t{1} << 20;
constexpr size_t kMaxCatalogueEntries = 256;

struct CatalogueEntry {
  std::string key;      // the model name, or the start of model names
  bool prefix = false;  // key is a prefix
  ImageModel model;     // model.name is the key
};

struct ModelCatalogue {
  std::vector<CatalogueEntry> entries;
  ImageModel unknown;  // the rules for names no entry matches; unknown.note says so to the user
};

// Reads one catalogue document into `catalogue`. An entry with the same key (and kind) as an
// existing one replaces it; a field it leaves out keeps the replaced entry's value, or for a new
// entry the unknown-model rules. "unknown_model" likewise amends those rules. Throws
// GenerativeError(Configuration) naming `origin` (the file) and the entry for anything it cannot
// use; `catalogue` is then left as it was.
void apply_catalogue_text(ModelCatalogue &catalogue, const std::string &text, const std::string &origin);

// The shipped file (required) and then the user's (optional: a missing file is no error; a broken
// one is, so a typo never silently changes what is sent). Throws GenerativeError(Configuration).
ModelCatalogue load_model_catalogue(const std::string &shipped_path, const std::string &user_path);

// The model called `name`: the exact entry, else the longest matching prefix, else the unknown rules
// (known = false). The result's name is always `name`.
ImageModel lookup_model(const ModelCatalogue &catalogue, const std::string &name);

// Every quality any model of the catalogue accepts, each once, in the order they first appear
// (the unknown-model rules first): what the procedures' quality argument offers.
std::vector<std::string> catalogue_qualities(const ModelCatalogue &catalogue);

// models.json beside the running program (/proc/self/exe), or $GPT_IMAGE_MODEL_CATALOGUE when set
// (tests, and builds run from the source tree).
std::string shipped_catalogue_path();
// <profile>/gimp-gpt-image/models.json, beside settings.ini.
std::string user_catalogue_path_in_profile(const std::string &profile_directory);

// The catalogue every describe_model() call reads: loaded on first use from the shipped path and
// the user path set here (none until a host sets it). Setting the path drops the loaded catalogue.
// A failed load throws and is tried again on the next call.
void set_user_catalogue_path(const std::string &path);
std::shared_ptr<const ModelCatalogue> active_model_catalogue();

}  // namespace gpt_image
