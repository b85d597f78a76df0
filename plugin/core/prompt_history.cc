#include "prompt_history.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <algorithm>
#include <memory>

#include "errors.h"
#include "i18n.h"
#include "generative_fill.h"

namespace gpt_image {

std::string prompt_history_path_in_profile(const std::string &profile_directory) {
  gchar *path = g_build_filename(profile_directory.c_str(), "gimp-gpt-image", "prompt-history.json", nullptr);
  std::string out = path;
  g_free(path);
  return out;
}

std::vector<std::string> load_prompt_history(const std::string &path) {
  std::vector<std::string> prompts;
  std::unique_ptr<JsonParser, decltype(&g_object_unref)> parser(json_parser_new(), g_object_unref);
  if (!json_parser_load_from_file(parser.get(), path.c_str(), nullptr)) return prompts;
  JsonNode *root = json_parser_get_root(parser.get());
  if (!root || !JSON_NODE_HOLDS_ARRAY(root)) return prompts;
  JsonArray *items = json_node_get_array(root);
  for (guint i = 0; i < json_array_get_length(items) && prompts.size() < kPromptHistoryLength; ++i) {
    JsonNode *item = json_array_get_element(items, i);
    if (JSON_NODE_HOLDS_VALUE(item) && json_node_get_value_type(item) == G_TYPE_STRING)
      prompts.emplace_back(json_node_get_string(item));
  }
  return prompts;
}

void remember_prompt(const std::string &path, const std::string &prompt) {
  if (prompt_is_blank(prompt)) return;
  std::vector<std::string> prompts = load_prompt_history(path);
  prompts.erase(std::remove(prompts.begin(), prompts.end(), prompt), prompts.end());
  prompts.insert(prompts.begin(), prompt);
  if (prompts.size() > kPromptHistoryLength) prompts.resize(kPromptHistoryLength);

  JsonArray *array = json_array_new();
  for (const auto &p : prompts) json_array_add_string_element(array, p.c_str());
  JsonNode *root = json_node_new(JSON_NODE_ARRAY);
  json_node_take_array(root, array);
  gchar *text = json_to_string(root, TRUE);
  json_node_unref(root);
  gchar *folder = g_path_get_dirname(path.c_str());
  g_mkdir_with_parents(folder, 0700);
  g_free(folder);
  GError *error = nullptr;
  const bool saved = g_file_set_contents(path.c_str(), text, -1, &error);
  g_free(text);
  if (!saved) {
    const std::string why = error->message;
    g_error_free(error);
    throw GenerativeError(ErrorKind::Configuration, 
                          format_text(_("Could not save the prompt history: %s"), why.c_str()));
  }
}

}  // namespace gpt_image

namespace gpt_image {

void remember_prompt_quietly(const std::string &path, const std::string &prompt) {
  try {
    remember_prompt(path, prompt);
  } catch (const GenerativeError &e) {
    g_warning("%s", e.what());
  }
}

}  // namespace gpt_image
