// A temporary directory for one test, removed with everything in it afterwards.
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include <string>

namespace gpt_image::testing {

class TempDirectory {
 public:
  TempDirectory() {
    gchar *path = g_dir_make_tmp("gpt-image-test-XXXXXX", nullptr);
    path_ = path;
    g_free(path);
  }
  ~TempDirectory() { remove_tree(path_); }
  TempDirectory(const TempDirectory &) = delete;
  TempDirectory &operator=(const TempDirectory &) = delete;
  const std::string &path() const { return path_; }

 private:
  static void remove_tree(const std::string &path) {
    if (GDir *dir = g_dir_open(path.c_str(), 0, nullptr)) {
      while (const gchar *name = g_dir_read_name(dir)) {
        const std::string child = path + "/" + name;
        if (g_file_test(child.c_str(), G_FILE_TEST_IS_DIR) && !g_file_test(child.c_str(), G_FILE_TEST_IS_SYMLINK))
          remove_tree(child);
        else
          g_remove(child.c_str());
      }
      g_dir_close(dir);
    }
    g_rmdir(path.c_str());
  }
  std::string path_;
};

}  // namespace gpt_image::testing
