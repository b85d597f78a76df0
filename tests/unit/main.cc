#include <gegl.h>
#include <gtest/gtest.h>

int main(int argc, char **argv) {
  gegl_init(&argc, &argv);
  ::testing::InitGoogleTest(&argc, argv);
  const int result = RUN_ALL_TESTS();
  gegl_exit();
  return result;
}
