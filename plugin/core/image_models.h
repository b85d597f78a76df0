// What each Images API model accepts and costs: its size rule, qualities, optional fields, prompt
// limit and prices. All of it comes from the model catalogue (model_catalogue.h, a JSON file shipped
// beside the plug-in plus the user's own); a name the catalogue does not know gets the catalogue's
// "unknown_model" rules (standard sizes, no optional fields), so a relay's renamed model still
// receives a valid request.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "geometry.h"

namespace gpt_image {

enum class SizeRule {
  StandardSizes,  // a few fixed sizes; the one nearest the frame's aspect is used
  Multiples,      // any WxH in multiples of a step, within edge, aspect and pixel limits
  Squares,        // fixed squares (dall-e-2); the smallest that keeps the frame's resolution
};

// What the `background` field may say.
enum class BackgroundSupport {
  None,                // the model takes no background field at all
  OpaqueOnly,          // auto or opaque
  TransparentPreview,  // transparent is offered by the API as a preview and may be refused
  Transparent,         // transparent, opaque or auto
};

// A price or token count per quality and size, with where it was taken from.
struct SizedTable {
  std::map<std::string, std::map<std::string, double>> values;  // quality -> "WxH" -> value
  std::string source;
  std::string date;
  std::optional<double> at(const std::string &quality, PixelSize size) const;
};

// USD per one million tokens.
struct TokenPrices {
  double text_input = 0;
  double image_input = 0;
  double image_output = 0;
  std::string source;
  std::string date;
};

struct ModelPrices {
  std::optional<TokenPrices> tokens;
  std::optional<SizedTable> per_image;      // USD per output image
  std::optional<SizedTable> output_tokens;  // image output tokens per image
};

struct ImageModel {
  std::string name;
  bool known = true;     // false: the catalogue has no entry for the name; `note` says what is used
  std::string note;
  std::string entry;     // the catalogue entry's name or prefix that matched ("" for unknown models)
  SizeRule size_rule = SizeRule::StandardSizes;
  std::vector<PixelSize> fixed_sizes;  // the accepted sizes for StandardSizes and Squares
  // Limits of the Multiples rule (0 = no limit for max_short_edge, min_pixels and max_pixels).
  int size_step = 16;
  int max_long_edge = 3840;
  int max_short_edge = 0;
  double max_aspect = 3.0;
  long long min_pixels = 0;
  long long max_pixels = 0;
  int prompt_limit = 32000;            // characters
  std::vector<std::string> qualities;  // accepted `quality` values
  bool input_fidelity = false;         // takes input_fidelity
  BackgroundSupport background = BackgroundSupport::None;
  std::vector<std::string> output_formats;  // accepted `output_format` values
  bool streams = false;                     // accepts stream=true with partial_images
  int max_n = 1;                            // most images per request
  bool reference_images = true;             // takes more than one input image
  ModelPrices prices;
  std::string source;  // where the entry's facts come from, and when
  std::string date;
};

// The model as the active catalogue (model_catalogue.h) describes it. Throws
// GenerativeError(Configuration) when the catalogue cannot be read (a broken user file, say).
ImageModel describe_model(const std::string &name);

// One row of the settings dialog's model list (what /models offers): the name that is stored when
// the row is chosen, and for a name the catalogue does not know a mark saying which rules it gets
// (empty for known names). A catalogue that cannot be read marks nothing: the fill says why.
struct ModelListEntry {
  std::string name;
  std::string mark;
};
std::vector<ModelListEntry> model_list_entries(const std::vector<std::string> &names);

// The largest side a size may name: GIMP's largest image side, far below int overflow.
constexpr int kMaxSizeSide = 524288;
// Parses "WIDTHxHEIGHT" (or "X"): digits only on both sides (no sign, no space), each 1 to
// kMaxSizeSide. "auto" and anything else give nullopt.
std::optional<PixelSize> parse_size(const std::string &text);
std::string format_size(PixelSize size);

// Throws GenerativeError(InvalidArgument) with a sentence naming the accepted sizes when `size`
// ("auto" or "WxH") is not accepted by `model`.
void validate_size_for_model(const ImageModel &model, const std::string &size);

// False for models without an input_fidelity setting (gpt-image-1-mini, gpt-image-2 and later,
// dall-e-2): the dialogs grey it out and a request asking "high" is refused.
bool takes_input_fidelity(const ImageModel &model);

// False for models whose catalogue entry takes no background field (dall-e-2, and models the
// catalogue does not know): the fill then sends no background=opaque for an opaque picture.
bool takes_background(const ImageModel &model);

// Throws GenerativeError(InvalidArgument) unless `quality` is one of the model's qualities.
void validate_quality_for_model(const ImageModel &model, const std::string &quality);

// Throws GenerativeError(InvalidArgument) when the model does not take this background ("auto" is
// always fine: it is not sent) or this output format ("png" is always fine for the same reason).
void validate_background_for_model(const ImageModel &model, const std::string &background);
void validate_output_format_for_model(const ImageModel &model, const std::string &output_format);

// Whether a request names output_format at all: not for models that answer PNG only (the API's
// default), which keeps unknown models to the fields every server takes.
bool takes_output_format(const ImageModel &model);

}  // namespace gpt_image
