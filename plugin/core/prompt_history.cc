#include "prompt_history.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <algorithm>
#include <memory>

#ifdef G_OS_UNIX
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#endif

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

namespace {

// An exclusive lock on "<history>.lock" for one read-modify-write of the history: two GIMPs (or two
// plug-in runs) adding a prompt at once would otherwise both read the old list and the second
// write would drop the first one's prompt. flock() locks belong to the open file, so threads of
// one process exclude each other too. Without the lock (a file system that refuses it) the write
// goes ahead as before: the history is a convenience.
class HistoryLock {
 public:
  explicit HistoryLock(const std::string &history_path) {
#ifdef G_OS_UNIX
    const std::string lock_path = history_path + ".lock";
    fd_ = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) return;
    while (flock(fd_, LOCK_EX) != 0) {
      if (errno == EINTR) continue;
      close(fd_);
      fd_ = -1;
      return;
    }
#else
    (void)history_path;
#endif
  }
  ~HistoryLock() {
#ifdef G_OS_UNIX
    if (fd_ >= 0) close(fd_);  // releases the lock
#endif
  }
  HistoryLock(const HistoryLock &) = delete;
  HistoryLock &operator=(const HistoryLock &) = delete;

 private:
  int fd_ = -1;
};

}  // namespace

void remember_prompt(const std::string &path, const std::string &prompt) {
  if (prompt_is_blank(prompt)) return;
  gchar *folder = g_path_get_dirname(path.c_str());
  g_mkdir_with_parents(folder, 0700);
  g_free(folder);
  // Read, merge and write under the lock; the write itself is atomic (a temporary file renamed
  // over the history), so readers never see half a file.
  const HistoryLock lock(path);
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
