// What a relay quietly left out. Some OpenAI-compatible relays accept `size`, `quality`, `n`,
// `stream`, `background` or the mask and ignore them; the answer often gives it away (its own size,
// the `quality`/`background`/`output_format` it names, fewer images, a plain JSON answer to a
// streamed request). The fill still places what came, adjusted where it can be, and says once what
// was ignored instead of staying silent (README, "When a relay ignores part of the request").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api_response.h"
#include "edit_request.h"
#include "generate_request.h"
#include "geometry.h"

namespace gpt_image {

enum class IgnoredField { Size, Quality, Background, OutputFormat, Variations, Stream, Mask };

struct IgnoredRequestField {
  IgnoredField field;
  std::string asked;     // the value that was sent
  std::string answered;  // what the answer shows instead (may be empty: the note then says less)
};

struct RelayDeviations {
  std::vector<IgnoredRequestField> fields;  // in the order found, each field at most once

  bool ignored(IgnoredField field) const;
  // Adds `field` unless it is already there.
  void add(IgnoredField field, std::string asked, std::string answered = {});
};

// The fields as the form sent them (edit_form_parts): empty when a field was not sent.
struct AskedFields {
  std::string size;
  std::string quality;
  std::string background;
  std::string output_format;
  int n = 1;
  bool stream = false;
};

AskedFields asked_fields(const EditRequest &request);
// For a generation: read back from the JSON body as sent (generate_request_json).
AskedFields asked_fields(const GenerateRequest &request);

// Compares what was asked with what came. Size: the first image's own decoded size, else the size
// the answer names, against an explicit WxH. Quality, background and output format: only when the
// field was sent (not "auto") and the answer names a value. Fewer images than n. A plain JSON
// answer to a streamed request. The mask is judged on pixels (outside_change.h).
RelayDeviations find_relay_deviations(const AskedFields &asked, const ImagesResult &answer,
                                      std::optional<PixelSize> first_image);

// One sentence for the user, e.g. "The relay ignored part of the request: size (asked 1024x1024,
// answered 512x512; scaled to fit); streaming (answered without previews)." Empty when nothing
// was ignored.
std::string relay_note(const RelayDeviations &deviations);

}  // namespace gpt_image
