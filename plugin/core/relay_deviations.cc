#include "relay_deviations.h"

#include <json-glib/json-glib.h>

#include <memory>

#include "i18n.h"
#include "image_models.h"

namespace gpt_image {

bool RelayDeviations::ignored(IgnoredField field) const {
  for (const IgnoredRequestField &f : fields)
    if (f.field == field) return true;
  return false;
}

void RelayDeviations::add(IgnoredField field, std::string asked, std::string answered) {
  if (!ignored(field)) fields.push_back({field, std::move(asked), std::move(answered)});
}

AskedFields asked_fields(const EditRequest &request) {
  AskedFields asked;
  for (const FormPart &part : edit_form_parts(request)) {
    if (part.file) continue;
    if (part.name == "size") asked.size = part.value;
    else if (part.name == "quality") asked.quality = part.value;
    else if (part.name == "background") asked.background = part.value;
    else if (part.name == "output_format") asked.output_format = part.value;
    else if (part.name == "n") asked.n = std::stoi(part.value);  // written by edit_form_parts from an int
    else if (part.name == "stream") asked.stream = part.value == "true";
  }
  return asked;
}

AskedFields asked_fields(const GenerateRequest &request) {
  // The body is our own, so it parses; reading it back keeps one place that decides what is sent.
  std::unique_ptr<JsonParser, decltype(&g_object_unref)> parser(json_parser_new(), g_object_unref);
  AskedFields asked;
  const std::string body = generate_request_json(request);
  if (!json_parser_load_from_data(parser.get(), body.c_str(), static_cast<gssize>(body.size()), nullptr)) return asked;
  JsonObject *root = json_node_get_object(json_parser_get_root(parser.get()));
  auto text = [root](const char *name) {
    return json_object_has_member(root, name) ? std::string(json_object_get_string_member(root, name)) : std::string();
  };
  asked.size = text("size");
  asked.quality = text("quality");
  asked.background = text("background");
  asked.output_format = text("output_format");
  if (json_object_has_member(root, "n")) asked.n = static_cast<int>(json_object_get_int_member(root, "n"));
  asked.stream = json_object_has_member(root, "stream") && json_object_get_boolean_member(root, "stream");
  return asked;
}

RelayDeviations find_relay_deviations(const AskedFields &asked, const ImagesResult &answer,
                                      std::optional<PixelSize> first_image) {
  RelayDeviations found;
  if (const auto size = parse_size(asked.size)) {
    const std::string answered = first_image ? format_size(*first_image) : answer.size;
    if (!answered.empty() && answered != format_size(*size)) found.add(IgnoredField::Size, asked.size, answered);
  }
  // "auto" leaves the choice to the server, so whatever it names was not ignored.
  auto compare = [&found](IgnoredField field, const std::string &sent, const std::string &named) {
    if (!sent.empty() && sent != "auto" && !named.empty() && named != sent) found.add(field, sent, named);
  };
  compare(IgnoredField::Quality, asked.quality, answer.quality);
  compare(IgnoredField::Background, asked.background, answer.background);
  compare(IgnoredField::OutputFormat, asked.output_format, answer.output_format);
  if (answer.images.size() < static_cast<size_t>(asked.n))
    found.add(IgnoredField::Variations, std::to_string(asked.n), std::to_string(answer.images.size()));
  if (asked.stream && !answer.streamed) found.add(IgnoredField::Stream, "true", "false");
  return found;
}

namespace {

std::string describe(const IgnoredRequestField &f) {
  const char *asked = f.asked.c_str(), *answered = f.answered.c_str();
  switch (f.field) {
    case IgnoredField::Size:
      // TRANSLATORS: part of "The relay ignored part of the request: …"; %s are sizes like 1024x1024
      return format_text(_("size (asked %s, answered %s; scaled to fit)"), asked, answered);
    case IgnoredField::Quality:
      return format_text(_("quality (asked %s, answered %s)"), asked, answered);
    case IgnoredField::Background:
      if (f.answered.empty() || f.answered == "transparent")
        return format_text(_("background (asked %s, answered with transparency; laid over the original)"), asked);
      return format_text(_("background (asked %s, answered %s)"), asked, answered);
    case IgnoredField::OutputFormat:
      return format_text(_("output format (asked %s, answered %s)"), asked, answered);
    case IgnoredField::Variations:
      return format_text(_("variations (asked %s, answered %s; the result holds those that came)"), asked, answered);
    case IgnoredField::Stream:
      return _("streaming (answered in one piece, without previews)");
    case IgnoredField::Mask:
      return _("the mask (the answer repainted the picture far outside the selection; the layer mask keeps it "
               "as it was)");
  }
  return {};
}

}  // namespace

std::string relay_note(const RelayDeviations &deviations) {
  if (deviations.fields.empty()) return {};
  std::string list;
  for (const IgnoredRequestField &f : deviations.fields) list += (list.empty() ? "" : "; ") + describe(f);
  // TRANSLATORS: %s is a list such as "size (asked 1024x1024, answered 512x512; scaled to fit); streaming (…)"
  return format_text(_("The relay ignored part of the request: %s."), list.c_str());
}

}  // namespace gpt_image
