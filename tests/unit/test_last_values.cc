// GIMP 2.10's last values as a block of named values (plugin/core/last_values.h). Expected blocks
// and values are written out here by hand, never produced by the code under test.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "last_values.h"

using namespace gpt_image;

namespace {

// One variable of each kind, with the defaults a caller would start from.
struct Values {
  std::string prompt;
  std::string quality = "medium";
  int variations = 1;
  bool color_match = true;
  std::vector<int> references;

  std::vector<LastValue> list() {
    return {LastValue::text("prompt", prompt), LastValue::text("quality", quality),
            LastValue::number("variations", variations, 1, 10), LastValue::toggle("color-match", color_match),
            LastValue::ids("references", references, 15)};
  }
};

std::string repeated(const std::string &piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

// The defaults of Values, untouched.
void expect_defaults(const Values &v) {
  EXPECT_EQ(v.prompt, "");
  EXPECT_EQ(v.quality, "medium");
  EXPECT_EQ(v.variations, 1);
  EXPECT_TRUE(v.color_match);
  EXPECT_TRUE(v.references.empty());
}

}  // namespace

TEST(LastValues, WritesEveryKindByName) {
  Values v;
  v.prompt = "a red apple";
  v.quality = "high";
  v.variations = 3;
  v.color_match = false;
  v.references = {12, 7, 300};
  EXPECT_EQ(write_last_values(v.list()),
            "gimp-gpt-image last values 1\n"
            "prompt=a red apple\n"
            "quality=high\n"
            "variations=3\n"
            "color-match=0\n"
            "references=12,7,300\n"
            "end\n");
}

TEST(LastValues, ReadsEveryKindByName) {
  Values v;
  ASSERT_TRUE(read_last_values("gimp-gpt-image last values 1\n"
                               "references=4,5\n"
                               "color-match=0\n"
                               "variations=10\n"
                               "quality=low\n"
                               "prompt=a blue door\n"
                               "end\n",
                               v.list()));
  EXPECT_EQ(v.prompt, "a blue door");
  EXPECT_EQ(v.quality, "low");
  EXPECT_EQ(v.variations, 10);
  EXPECT_FALSE(v.color_match);
  EXPECT_EQ(v.references, (std::vector<int>{4, 5}));
}

TEST(LastValues, RoundTripOfEveryKind) {
  Values written;
  written.prompt = "ein Boot aus Papier, 纸船";
  written.quality = "auto";
  written.variations = 7;
  written.color_match = false;
  written.references = {2147483647, 1};
  const std::string block = write_last_values(written.list());
  Values read;
  ASSERT_TRUE(read_last_values(block, read.list()));
  EXPECT_EQ(read.prompt, "ein Boot aus Papier, 纸船");
  EXPECT_EQ(read.quality, "auto");
  EXPECT_EQ(read.variations, 7);
  EXPECT_FALSE(read.color_match);
  EXPECT_EQ(read.references, (std::vector<int>{2147483647, 1}));
}

TEST(LastValues, EscapesKeepLinesApart) {
  Values v;
  v.prompt = "line one\nline two\r\nC:\\temp\\n = not a newline";
  v.quality = "";
  EXPECT_EQ(write_last_values(v.list()),
            "gimp-gpt-image last values 1\n"
            "prompt=line one\\nline two\\r\\nC:\\\\temp\\\\n = not a newline\n"
            "quality=\n"
            "variations=1\n"
            "color-match=1\n"
            "references=\n"
            "end\n");
}

TEST(LastValues, EscapedTextRoundTrips) {
  // Every byte but NUL that valid UTF-8 text can hold, the troublesome ones included.
  std::string every_character;
  for (int c = 1; c < 128; ++c) every_character += static_cast<char>(c);
  const std::vector<std::string> texts = {
      "", "=", "a=b=c", "\\", "\\n", "\n", "\r", "\r\n", "end", "\nend\n", "prompt=x\nquality=low",
      "gimp-gpt-image last values 1", every_character, "trailing backslash\\"};
  for (const std::string &text : texts) {
    Values written;
    written.prompt = text;
    Values read;
    read.prompt = "not read";
    ASSERT_TRUE(read_last_values(write_last_values(written.list()), read.list())) << text;
    EXPECT_EQ(read.prompt, text);
    EXPECT_EQ(read.quality, "medium") << text;  // a value in the prompt never leaks into another name
  }
}

// The packed structs cut prompts at 32,771 bytes (10,923 of these characters); the block keeps
// the whole prompt.
TEST(LastValues, LongCjkPromptIsKeptWhole) {
  const std::string prompt = repeated("灯", 100000);
  ASSERT_EQ(prompt.size(), 300000u);
  Values written;
  written.prompt = prompt;
  Values read;
  ASSERT_TRUE(read_last_values(write_last_values(written.list()), read.list()));
  EXPECT_EQ(read.prompt.size(), 300000u);
  EXPECT_EQ(read.prompt, prompt);
}

TEST(LastValues, UnknownNamesAndLinesWithoutEqualsAreIgnored) {
  Values v;
  ASSERT_TRUE(read_last_values("gimp-gpt-image last values 1\n"
                               "removed-option=42\n"
                               "no equals sign here\n"
                               "\n"
                               "PROMPT=wrong case\n"
                               "prompt=kept\n"
                               "prompt-extra=not the prompt\n"
                               "end\n",
                               v.list()));
  EXPECT_EQ(v.prompt, "kept");
  EXPECT_EQ(v.quality, "medium");
  EXPECT_EQ(v.variations, 1);
}

TEST(LastValues, MissingNamesKeepTheirDefaults) {
  Values v;
  ASSERT_TRUE(read_last_values("gimp-gpt-image last values 1\nend\n", v.list()));
  expect_defaults(v);
}

// What GIMP 2.10 holds after an older release: the packed struct of Generative Fill's last values,
// built here byte for byte as that release wrote it. It gives the defaults, once.
TEST(LastValues, OldPackedStructGivesNothing) {
  struct OldSavedFillValues {
    char prompt[32768 + 4];
    char quality[16];
    char size[16];
    std::int32_t variations;
    char background[16];
    char input_fidelity[8];
    char output_format[8];
    std::int32_t output_compression;
    std::int32_t context_margin;
    std::int32_t feather_radius;
    char sample[16];
    std::int32_t color_match;
    std::int32_t mask_grow;
    std::int32_t partial_images;
    std::int32_t reference_count;
    std::int32_t references[15];
  };
  OldSavedFillValues old;
  std::memset(&old, 0, sizeof old);
  std::strcpy(old.prompt, "a green gate");
  std::strcpy(old.quality, "high");
  std::strcpy(old.size, "auto");
  old.variations = 2;
  old.color_match = 1;
  old.reference_count = 1;
  old.references[0] = 5;
  Values v;
  EXPECT_FALSE(read_last_values(std::string(reinterpret_cast<const char *>(&old), sizeof old), v.list()));
  expect_defaults(v);
  // Even one whose prompt happens to start like a block.
  std::memset(old.prompt, 0, sizeof old.prompt);
  std::strcpy(old.prompt, "gimp-gpt-image last values 1\nprompt=x\nend\n");
  EXPECT_FALSE(read_last_values(std::string(reinterpret_cast<const char *>(&old), sizeof old), v.list()));
  expect_defaults(v);
}

TEST(LastValues, OtherFormatsAndVersionsGiveNothing) {
  const std::vector<std::string> blocks = {
      "",
      "end\n",
      "gimp-gpt-image last values 1",
      "gimp-gpt-image last values 1\n",
      "gimp-gpt-image last values 1\nend",
      "gimp-gpt-image last values 2\nprompt=x\nend\n",
      "gimp-gpt-image last values 10\nprompt=x\nend\n",
      "gimp-gpt-image last values 1\r\nprompt=x\r\nend\r\n",
      " gimp-gpt-image last values 1\nprompt=x\nend\n",
      "prompt=x\nend\n",
  };
  for (const std::string &block : blocks) {
    Values v;
    EXPECT_FALSE(read_last_values(block, v.list())) << block;
    expect_defaults(v);
  }
}

// A block cut anywhere short of its end line is not read at all: a cut prompt is never used.
TEST(LastValues, TruncatedBlockGivesNothing) {
  Values written;
  written.prompt = "a lighthouse at dusk";
  written.variations = 4;
  written.references = {8, 9};
  const std::string block = write_last_values(written.list());
  for (std::size_t length = 0; length < block.size(); ++length) {
    Values v;
    EXPECT_FALSE(read_last_values(block.substr(0, length), v.list())) << length;
    expect_defaults(v);
  }
}

TEST(LastValues, RandomBytesNeverCrash) {
  std::mt19937 random(17);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(random() % 300, '\0');
    for (char &c : bytes) c = static_cast<char>(random() % 256);
    // Half of them behind a valid header and before a valid end, so the line reading is exercised.
    if (round % 2) bytes = "gimp-gpt-image last values 1\n" + bytes + "\nend\n";
    Values v;
    read_last_values(bytes, v.list());
    EXPECT_GE(v.variations, 1);
    EXPECT_LE(v.variations, 10);
    EXPECT_LE(v.references.size(), 15u);
    for (int id : v.references) EXPECT_GE(id, 1);
  }
}

TEST(LastValues, OutOfRangeOrUnreadableNumbersFallBack) {
  const std::vector<std::string> numbers = {"0",  "11", "-1", "2147483648", "99999999999999999999", "", " 2",
                                            "2 ", "+2", "2x", "0x2", "2.0", "\\n"};
  for (const std::string &number : numbers) {
    Values v;
    ASSERT_TRUE(read_last_values("gimp-gpt-image last values 1\nvariations=" + number + "\nend\n", v.list()));
    EXPECT_EQ(v.variations, 1) << number;
  }
  Values v;
  ASSERT_TRUE(read_last_values("gimp-gpt-image last values 1\nvariations=1\nend\n", v.list()));
  EXPECT_EQ(v.variations, 1);
  int margin = -1;
  ASSERT_TRUE(read_last_values("gimp-gpt-image last values 1\ncontext-margin=-1\nend\n",
                               {LastValue::number("context-margin", margin, -1, 4096)}));
  EXPECT_EQ(margin, -1);
  margin = 7;
  ASSERT_TRUE(read_last_values("gimp-gpt-image last values 1\ncontext-margin=-2\nend\n",
                               {LastValue::number("context-margin", margin, -1, 4096)}));
  EXPECT_EQ(margin, 7);
}

TEST(LastValues, ToggleIsZeroOrOne) {
  for (const std::string toggle : {"2", "", "true", "01", "-1"}) {
    Values v;
    ASSERT_TRUE(read_last_values("gimp-gpt-image last values 1\ncolor-match=" + toggle + "\nend\n", v.list()));
    EXPECT_TRUE(v.color_match) << toggle;
  }
}

TEST(LastValues, UnreadableIdListsFallBack) {
  const std::vector<std::string> lists = {"1,,2", ",1", "1,", "0", "-3", "1,x", "2147483648", " 1", "1;2",
                                          "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16"};
  for (const std::string &list : lists) {
    Values v;
    v.references = {99};
    ASSERT_TRUE(read_last_values("gimp-gpt-image last values 1\nreferences=" + list + "\nend\n", v.list()));
    EXPECT_EQ(v.references, (std::vector<int>{99})) << list;
  }
  Values v;
  v.references = {99};
  ASSERT_TRUE(read_last_values(
      "gimp-gpt-image last values 1\nreferences=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\nend\n", v.list()));
  EXPECT_EQ(v.references, (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}));
  ASSERT_TRUE(read_last_values("gimp-gpt-image last values 1\nreferences=\nend\n", v.list()));
  EXPECT_TRUE(v.references.empty());
}

TEST(LastValues, WritingKeepsTheFirstIdsUpToTheLimit) {
  std::vector<int> ids = {5, 6, 7, 8};
  EXPECT_EQ(write_last_values({LastValue::ids("references", ids, 2)}),
            "gimp-gpt-image last values 1\nreferences=5,6\nend\n");
}

TEST(LastValues, InvalidUtf8OrUnknownEscapesFallBack) {
  const std::vector<std::string> texts = {"\xff",    "caf\xc3",    "\xe7\x81",  "\xc0\xaf", "a\\0b",  // NUL
                                          "\\t",     "ends in \\", "\\x41",     "\xed\xa0\x80"};
  for (const std::string &text : texts) {
    Values v;
    ASSERT_TRUE(read_last_values("gimp-gpt-image last values 1\nprompt=" + text + "\nquality=high\nend\n",
                                 v.list()));
    EXPECT_EQ(v.prompt, "") << text;
    EXPECT_EQ(v.quality, "high") << text;  // only the unreadable value falls back
  }
}

TEST(LastValues, OversizedBlockIsRefused) {
  const std::string head = "gimp-gpt-image last values 1\nprompt=";
  const std::string tail = "\nend\n";
  const std::string fits = head + std::string(1048576 - head.size() - tail.size(), 'a') + tail;
  ASSERT_EQ(fits.size(), 1048576u);
  Values v;
  ASSERT_TRUE(read_last_values(fits, v.list()));
  EXPECT_EQ(v.prompt.size(), 1048576u - head.size() - tail.size());
  const std::string too_big = head + std::string(1048577 - head.size() - tail.size(), 'a') + tail;
  Values w;
  EXPECT_FALSE(read_last_values(too_big, w.list()));
  expect_defaults(w);
}
