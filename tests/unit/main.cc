#include <gtest/gtest.h>

#include <cstdlib>

int main(int argc, char **argv) {
  // No session bus and no display: keyring lookups fail at once, the same on every machine. The
  // keyring itself is tested by keyring_tests under its own bus.
  setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/gimp-gpt-image-test-bus", 1);
  unsetenv("DISPLAY");
  // describe_model() reads the catalogue the plug-in ships, from the source tree.
  setenv("GPT_IMAGE_MODEL_CATALOGUE", SHIPPED_MODEL_CATALOGUE, 1);
  ::testing::InitGoogleTest(&argc, argv);
  const int result = RUN_ALL_TESTS();
  return result;
}
