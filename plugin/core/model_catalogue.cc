#include "model_catalogue.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <mutex>
#include <set>

#include "bounded_json.h"
#include "errors.h"
#include "i18n.h"

namespace gpt_image {

namespace {

constexpr size_t kMaxKeyLength = 128;
constexpr size_t kMaxTextLength = 500;
constexpr size_t kMaxListLength = 32;
constexpr double kMaxPriceUsd = 10000;
constexpr double kMaxTokens = 1e7;

// Names the file and the entry in every complaint, so the user knows what to fix.
struct Where {
  std::string origin;
  std::string entry;  // e.g. "entry 3 (gpt-image-2)"; empty at the top level
  [[noreturn]] void fail(const std::string &what) const {
    const std::string place = entry.empty() ? origin : origin + ", " + entry;
    throw GenerativeError(ErrorKind::Configuration,
                          // TRANSLATORS: "Model catalogue FILE, entry 3 (NAME): WHAT. Correct or remove it."
                          format_text(_("Model catalogue %s: %s. Correct it, or remove the file to use the shipped "
                                        "catalogue."),
                                      place.c_str(), what.c_str()));
  }
};

bool is_key_text(const std::string &s) {
  if (s.empty() || s.size() > kMaxKeyLength) return false;
  for (const unsigned char c : s)
    if (c <= ' ' || c >= 0x7f) return false;
  return true;
}

bool is_word(const std::string &s) {
  if (s.empty() || s.size() > 32) return false;
  for (const char c : s)
    if (!g_ascii_islower(c) && !g_ascii_isdigit(c) && c != '-' && c != '_') return false;
  return true;
}

std::string text_of(JsonNode *node, const char *field, const Where &where, size_t limit = kMaxTextLength) {
  if (!JSON_NODE_HOLDS_VALUE(node) || json_node_get_value_type(node) != G_TYPE_STRING)
    where.fail(format_text(_("\"%s\" must be text"), field));
  std::string s = json_node_get_string(node);
  if (s.size() > limit) where.fail(format_text(_("\"%s\" is longer than %d characters"), field, static_cast<int>(limit)));
  return s;
}

bool flag_of(JsonNode *node, const char *field, const Where &where) {
  if (!JSON_NODE_HOLDS_VALUE(node) || json_node_get_value_type(node) != G_TYPE_BOOLEAN)
    where.fail(format_text(_("\"%s\" must be true or false"), field));
  return json_node_get_boolean(node);
}

double number_of(JsonNode *node, const char *field, double low, double high, const Where &where) {
  double value = NAN;
  if (JSON_NODE_HOLDS_VALUE(node)) {
    const GType type = json_node_get_value_type(node);
    if (type == G_TYPE_INT64) value = static_cast<double>(json_node_get_int(node));
    if (type == G_TYPE_DOUBLE) value = json_node_get_double(node);
  }
  if (!(value >= low && value <= high))
    where.fail(format_text(_("\"%s\" must be a number from %g to %g"), field, low, high));
  return value;
}

long long whole_number_of(JsonNode *node, const char *field, double low, double high, const Where &where) {
  const double value = number_of(node, field, low, high, where);
  if (value != std::floor(value)) where.fail(format_text(_("\"%s\" must be a whole number"), field));
  return static_cast<long long>(value);
}

JsonObject *object_of(JsonNode *node, const char *field, const Where &where) {
  if (!JSON_NODE_HOLDS_OBJECT(node)) where.fail(format_text(_("\"%s\" must be an object {...}"), field));
  return json_node_get_object(node);
}

// Calls `each` for every member, refusing members not in `known` (a misspelt field must not be
// silently ignored) and more than `limit` members.
void for_members(JsonObject *object, const std::set<std::string> &known, const Where &where,
                 const std::function<void(const std::string &, JsonNode *)> &each, size_t limit = 64) {
  if (json_object_get_size(object) > limit) where.fail(format_text(_("more than %d fields"), static_cast<int>(limit)));
  GList *names = json_object_get_members(object);
  for (GList *n = names; n; n = n->next) {
    const std::string name = static_cast<const char *>(n->data);
    if (!known.empty() && !known.count(name)) {
      g_list_free(names);
      where.fail(format_text(_("unknown field \"%s\""), name.c_str()));
    }
  }
  try {
    for (GList *n = names; n; n = n->next) {
      const char *name = static_cast<const char *>(n->data);
      each(name, json_object_get_member(object, name));
    }
  } catch (...) {
    g_list_free(names);
    throw;
  }
  g_list_free(names);
}

std::vector<std::string> words_of(JsonNode *node, const char *field, const Where &where) {
  if (!JSON_NODE_HOLDS_ARRAY(node)) where.fail(format_text(_("\"%s\" must be a list [...]"), field));
  JsonArray *array = json_node_get_array(node);
  const guint length = json_array_get_length(array);
  if (length == 0 || length > kMaxListLength)
    where.fail(format_text(_("\"%s\" must list 1 to %d values"), field, static_cast<int>(kMaxListLength)));
  std::vector<std::string> out;
  for (guint i = 0; i < length; ++i) {
    const std::string word = text_of(json_array_get_element(array, i), field, where, 32);
    if (!is_word(word)) where.fail(format_text(_("\"%s\" holds \"%s\": use lower-case words"), field, word.c_str()));
    out.push_back(word);
  }
  return out;
}

std::vector<PixelSize> sizes_of(JsonNode *node, const Where &where) {
  std::vector<PixelSize> out;
  for (const std::string &text : [&] {
         if (!JSON_NODE_HOLDS_ARRAY(node)) where.fail(_("\"sizes\" must be a list of \"WIDTHxHEIGHT\""));
         std::vector<std::string> texts;
         JsonArray *array = json_node_get_array(node);
         const guint length = json_array_get_length(array);
         if (length == 0 || length > kMaxListLength)
           where.fail(format_text(_("\"%s\" must list 1 to %d values"), "sizes", static_cast<int>(kMaxListLength)));
         for (guint i = 0; i < length; ++i) texts.push_back(text_of(json_array_get_element(array, i), "sizes", where, 16));
         return texts;
       }()) {
    const auto size = parse_size(text);
    if (!size) where.fail(format_text(_("size \"%s\" is not WIDTHxHEIGHT"), text.c_str()));
    out.push_back(*size);
  }
  return out;
}

void read_size_rule(JsonNode *node, ImageModel &model, const Where &where) {
  JsonObject *rule = object_of(node, "sizes", where);
  JsonNode *kind = json_object_get_member(rule, "rule");
  if (!kind) where.fail(_("\"sizes\" needs a \"rule\": standard, square or multiples"));
  const std::string name = text_of(kind, "rule", where, 16);
  if (name == "standard" || name == "square") {
    model.size_rule = name == "standard" ? SizeRule::StandardSizes : SizeRule::Squares;
    for_members(rule, {"rule", "sizes"}, where, [](const std::string &, JsonNode *) {});
    JsonNode *sizes = json_object_get_member(rule, "sizes");
    if (!sizes) where.fail(format_text(_("the \"%s\" size rule needs a list of \"sizes\""), name.c_str()));
    model.fixed_sizes = sizes_of(sizes, where);
    if (model.size_rule == SizeRule::Squares) {
      for (const auto &s : model.fixed_sizes)
        if (s.width != s.height) where.fail(_("the \"square\" size rule takes square sizes only"));
      std::sort(model.fixed_sizes.begin(), model.fixed_sizes.end(),
                [](PixelSize a, PixelSize b) { return a.width < b.width; });
    }
    return;
  }
  if (name != "multiples") where.fail(format_text(_("size rule \"%s\" is not one of: standard, square, multiples"), name.c_str()));
  model.size_rule = SizeRule::Multiples;
  model.fixed_sizes.clear();
  model.max_short_edge = 0;
  model.min_pixels = model.max_pixels = 0;
  for_members(rule, {"rule", "step", "max_long_edge", "max_short_edge", "max_aspect", "min_pixels", "max_pixels"}, where,
              [&](const std::string &field, JsonNode *value) {
                const char *f = field.c_str();
                if (field == "step") model.size_step = static_cast<int>(whole_number_of(value, f, 1, 512, where));
                if (field == "max_long_edge")
                  model.max_long_edge = static_cast<int>(whole_number_of(value, f, 1, kMaxSizeSide, where));
                if (field == "max_short_edge")
                  model.max_short_edge = static_cast<int>(whole_number_of(value, f, 1, kMaxSizeSide, where));
                if (field == "max_aspect") model.max_aspect = number_of(value, f, 1, 100, where);
                if (field == "min_pixels") model.min_pixels = whole_number_of(value, f, 0, 1e11, where);
                if (field == "max_pixels") model.max_pixels = whole_number_of(value, f, 1, 1e11, where);
              });
  if (model.max_pixels > 0 && model.min_pixels > model.max_pixels)
    where.fail(_("\"min_pixels\" is larger than \"max_pixels\""));
  if (model.max_long_edge < model.size_step) where.fail(_("\"max_long_edge\" is smaller than \"step\""));
}

BackgroundSupport background_of(JsonNode *node, const Where &where) {
  const std::string value = text_of(node, "background", where, 32);
  if (value == "none") return BackgroundSupport::None;
  if (value == "opaque") return BackgroundSupport::OpaqueOnly;
  if (value == "transparent-preview") return BackgroundSupport::TransparentPreview;
  if (value == "transparent") return BackgroundSupport::Transparent;
  where.fail(format_text(_("\"background\" \"%s\" is not one of: none, opaque, transparent-preview, transparent"),
                         value.c_str()));
}

// {"low": {"1024x1024": 272, ...}, ..., "source": "...", "date": "..."}
SizedTable table_of(JsonNode *node, const char *field, double high, const Where &where) {
  SizedTable table;
  for_members(object_of(node, field, where), {}, where, [&](const std::string &key, JsonNode *value) {
    if (key == "source") table.source = text_of(value, "source", where);
    else if (key == "date") table.date = text_of(value, "date", where, 32);
    else {
      if (!is_word(key)) where.fail(format_text(_("\"%s\" holds \"%s\": use lower-case words"), field, key.c_str()));
      for_members(object_of(value, key.c_str(), where), {}, where, [&](const std::string &size, JsonNode *cell) {
        const auto parsed = parse_size(size);
        if (!parsed) where.fail(format_text(_("size \"%s\" is not WIDTHxHEIGHT"), size.c_str()));
        table.values[key][format_size(*parsed)] = number_of(cell, field, 0, high, where);
      }, kMaxListLength);
    }
  }, kMaxListLength);
  if (table.source.empty() || table.date.empty())
    where.fail(format_text(_("\"%s\" needs a \"source\" and a \"date\""), field));
  return table;
}

void read_prices(JsonNode *node, ModelPrices &prices, const Where &where) {
  for_members(object_of(node, "prices", where), {"tokens", "per_image", "output_tokens"}, where,
              [&](const std::string &field, JsonNode *value) {
                if (field == "per_image") prices.per_image = table_of(value, "per_image", kMaxPriceUsd, where);
                if (field == "output_tokens") prices.output_tokens = table_of(value, "output_tokens", kMaxTokens, where);
                if (field != "tokens") return;
                TokenPrices tokens;
                for_members(object_of(value, "tokens", where),
                            {"text_input", "image_input", "image_output", "source", "date"}, where,
                            [&](const std::string &f, JsonNode *v) {
                              if (f == "text_input") tokens.text_input = number_of(v, "text_input", 0, kMaxPriceUsd, where);
                              if (f == "image_input") tokens.image_input = number_of(v, "image_input", 0, kMaxPriceUsd, where);
                              if (f == "image_output") tokens.image_output = number_of(v, "image_output", 0, kMaxPriceUsd, where);
                              if (f == "source") tokens.source = text_of(v, "source", where);
                              if (f == "date") tokens.date = text_of(v, "date", where, 32);
                            });
                JsonObject *o = json_node_get_object(value);
                for (const char *needed : {"text_input", "image_input", "image_output", "source", "date"})
                  if (!json_object_has_member(o, needed))
                    where.fail(format_text(_("\"tokens\" needs \"%s\""), needed));
                prices.tokens = tokens;
              });
}

// The fields an entry (or "unknown_model") may set, read onto `model`.
void read_rules(JsonObject *object, ImageModel &model, const Where &where, bool entry) {
  std::set<std::string> known = {"sizes", "qualities", "input_fidelity", "background", "output_formats", "streaming",
                                 "max_n", "prompt_limit", "reference_images", "prices", "source", "date"};
  if (entry) known.insert({"name", "prefix"});
  else known.insert("note");
  for_members(object, known, where, [&](const std::string &field, JsonNode *value) {
    const char *f = field.c_str();
    if (field == "sizes") read_size_rule(value, model, where);
    if (field == "qualities") model.qualities = words_of(value, f, where);
    if (field == "input_fidelity") model.input_fidelity = flag_of(value, f, where);
    if (field == "background") model.background = background_of(value, where);
    if (field == "output_formats") model.output_formats = words_of(value, f, where);
    if (field == "streaming") model.streams = flag_of(value, f, where);
    if (field == "max_n") model.max_n = static_cast<int>(whole_number_of(value, f, 1, 10, where));
    if (field == "prompt_limit") model.prompt_limit = static_cast<int>(whole_number_of(value, f, 1, 1000000, where));
    if (field == "reference_images") model.reference_images = flag_of(value, f, where);
    if (field == "prices") read_prices(value, model.prices, where);
    if (field == "source") model.source = text_of(value, f, where);
    if (field == "date") model.date = text_of(value, f, where, 32);
    if (field == "note") model.note = text_of(value, f, where);
  });
}

void read_entry(ModelCatalogue &catalogue, JsonNode *node, size_t index, const std::string &origin) {
  Where where{origin, format_text(_("entry %d"), static_cast<int>(index + 1))};
  JsonObject *object = object_of(node, "models[]", where);
  JsonNode *name = json_object_get_member(object, "name"), *prefix = json_object_get_member(object, "prefix");
  if (!name == !prefix) where.fail(_("give either \"name\" (one model) or \"prefix\" (models whose names start so)"));
  const std::string key = text_of(name ? name : prefix, name ? "name" : "prefix", where, kMaxKeyLength);
  if (!is_key_text(key)) where.fail(_("the model name must be 1 to 128 visible characters without spaces"));
  where.entry = format_text(_("entry %d (%s)"), static_cast<int>(index + 1), key.c_str());
  auto same = std::find_if(catalogue.entries.begin(), catalogue.entries.end(),
                           [&](const CatalogueEntry &e) { return e.key == key && e.prefix == !name; });
  CatalogueEntry entry;
  entry.key = key;
  entry.prefix = !name;
  entry.model = same != catalogue.entries.end() ? same->model : catalogue.unknown;
  entry.model.known = true;
  entry.model.note.clear();
  entry.model.name = entry.model.entry = key;
  read_rules(object, entry.model, where, true);
  if (entry.model.qualities.empty()) where.fail(_("\"qualities\" is missing"));
  if (entry.model.size_rule != SizeRule::Multiples && entry.model.fixed_sizes.empty()) where.fail(_("\"sizes\" is missing"));
  if (same != catalogue.entries.end()) *same = std::move(entry);
  else catalogue.entries.push_back(std::move(entry));
}

}  // namespace

void apply_catalogue_text(ModelCatalogue &catalogue, const std::string &text, const std::string &origin) {
  const Where top{origin, ""};
  if (text.size() > kMaxCatalogueBytes)
    top.fail(format_text(_("the file is larger than %d KiB"), static_cast<int>(kMaxCatalogueBytes >> 10)));
  JsonParser *parser = json_parser_new();
  std::string why;
  if (!load_bounded_json(parser, text, &why)) {
    g_object_unref(parser);
    top.fail(format_text(_("not valid JSON (%s)"), why.c_str()));
  }
  ModelCatalogue updated = catalogue;  // the caller's catalogue changes only when all of it reads
  try {
    JsonObject *root = object_of(json_parser_get_root(parser), "catalogue", top);
    for_members(root, {"catalogue_version", "about", "unknown_model", "models"}, top,
                [&](const std::string &field, JsonNode *value) {
                  if (field == "catalogue_version" && whole_number_of(value, "catalogue_version", 1, 1, top) != 1)
                    top.fail(_("\"catalogue_version\" must be 1"));
                  if (field == "unknown_model") {
                    read_rules(object_of(value, "unknown_model", top), updated.unknown,
                               Where{origin, "unknown_model"}, false);
                  }
                });
    if (JsonNode *models = json_object_get_member(root, "models")) {
      if (!JSON_NODE_HOLDS_ARRAY(models)) top.fail(_("\"models\" must be a list [...]"));
      JsonArray *array = json_node_get_array(models);
      const guint length = json_array_get_length(array);
      if (length > kMaxCatalogueEntries)
        top.fail(format_text(_("more than %d entries"), static_cast<int>(kMaxCatalogueEntries)));
      for (guint i = 0; i < length; ++i) read_entry(updated, json_array_get_element(array, i), i, origin);
    }
  } catch (...) {
    g_object_unref(parser);
    throw;
  }
  g_object_unref(parser);
  catalogue = std::move(updated);
}

namespace {

// The file's text; nullopt when it does not exist. Throws for a file that exists but cannot be read
// or is too large (checked before reading, so a huge file is never loaded).
std::optional<std::string> read_catalogue_file(const std::string &path) {
  const Where where{path, ""};
  GStatBuf info;
  if (g_stat(path.c_str(), &info) != 0) return std::nullopt;
  if (static_cast<unsigned long long>(info.st_size) > kMaxCatalogueBytes)
    where.fail(format_text(_("the file is larger than %d KiB"), static_cast<int>(kMaxCatalogueBytes >> 10)));
  gchar *contents = nullptr;
  gsize length = 0;
  GError *error = nullptr;
  if (!g_file_get_contents(path.c_str(), &contents, &length, &error)) {
    const std::string message = error->message;
    g_error_free(error);
    where.fail(format_text(_("cannot be read (%s)"), message.c_str()));
  }
  std::string text(contents, length);
  g_free(contents);
  return text;
}

}  // namespace

ModelCatalogue load_model_catalogue(const std::string &shipped_path, const std::string &user_path) {
  ModelCatalogue catalogue;
  const auto shipped = read_catalogue_file(shipped_path);
  if (!shipped)
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("The model catalogue %s is missing. Reinstall the plug-in: models.json belongs "
                                        "beside the gimp-gpt-image program."),
                                      shipped_path.c_str()));
  apply_catalogue_text(catalogue, *shipped, shipped_path);
  catalogue.unknown.known = false;
  catalogue.unknown.entry.clear();
  if (!user_path.empty())
    if (const auto user = read_catalogue_file(user_path)) apply_catalogue_text(catalogue, *user, user_path);
  catalogue.unknown.known = false;
  return catalogue;
}

ImageModel lookup_model(const ModelCatalogue &catalogue, const std::string &name) {
  const CatalogueEntry *best = nullptr;
  for (const auto &e : catalogue.entries) {
    if (!e.prefix && e.key == name) {
      best = &e;
      break;
    }
    if (e.prefix && name.compare(0, e.key.size(), e.key) == 0 && (!best || e.key.size() > best->key.size()))
      best = &e;
  }
  ImageModel model = best ? best->model : catalogue.unknown;
  model.name = name;
  return model;
}

std::vector<std::string> catalogue_qualities(const ModelCatalogue &catalogue) {
  std::vector<std::string> out;
  auto add = [&out](const ImageModel &m) {
    for (const auto &q : m.qualities)
      if (std::find(out.begin(), out.end(), q) == out.end()) out.push_back(q);
  };
  add(catalogue.unknown);
  for (const auto &e : catalogue.entries) add(e.model);
  return out;
}

std::string shipped_catalogue_path() {
  if (const char *override_path = g_getenv("GPT_IMAGE_MODEL_CATALOGUE"); override_path && *override_path)
    return override_path;
  gchar *program = g_file_read_link("/proc/self/exe", nullptr);
  gchar *folder = g_path_get_dirname(program ? program : ".");
  gchar *path = g_build_filename(folder, "models.json", nullptr);
  std::string out = path;
  g_free(path);
  g_free(folder);
  g_free(program);
  return out;
}

std::string user_catalogue_path_in_profile(const std::string &profile_directory) {
  gchar *path = g_build_filename(profile_directory.c_str(), "gimp-gpt-image", "models.json", nullptr);
  std::string out = path;
  g_free(path);
  return out;
}

namespace {

std::mutex active_lock;
std::string active_user_path;
std::shared_ptr<const ModelCatalogue> active;

}  // namespace

void set_user_catalogue_path(const std::string &path) {
  std::lock_guard<std::mutex> hold(active_lock);
  active_user_path = path;
  active.reset();
}

std::shared_ptr<const ModelCatalogue> active_model_catalogue() {
  std::lock_guard<std::mutex> hold(active_lock);
  if (!active)
    active = std::make_shared<const ModelCatalogue>(load_model_catalogue(shipped_catalogue_path(), active_user_path));
  return active;
}

}  // namespace gpt_image
