// History (Filters ▸ Generative ▸ History…): the result cache's entries in a window, or for scripts
// the entry named by `entry`; the chosen result becomes a new layer above the active layer, scaled
// by GIMP to the selection's bounding box or the canvas, as one undo step. Nothing is sent.
#include <libgimp/gimp.h>

#include <cstdio>
#include <string>
#include <vector>

#include "common/gimp_ui_init.h"
#include "common/history_window.h"
#include "drawable_pixels.h"
#include "errors.h"
#include "flow_steps.h"
#include "flows.h"
#include "generate_layer.h"
#include "generative_fill.h"
#include "history_lookup.h"
#include "i18n.h"
#include "image_access.h"
#include "image_codec.h"
#include "plugin_settings.h"
#include "procedure_spec.h"
#include "prompt_handover.h"
#include "result_cache.h"

namespace gpt_image {

namespace {

using Status = Outcome::Status;

ResultCache profile_cache() {
  long long cap_mib = kDefaultCacheMaxMib;
  try {
    cap_mib = load_settings(flow_steps::settings_path()).cache_max_mib;
  } catch (const GenerativeError &) {
    // Listing does not need the cap; a settings file with a problem is reported by the calls.
  }
  return ResultCache(cache_directory_in_profile(gimp_directory()), static_cast<std::int64_t>(cap_mib) << 20);
}

std::string cost_text(const CacheEntryInfo &info) {
  if (!info.cost_usd) return _("cost unknown");
  char number[32];
  std::snprintf(number, sizeof number, "$%.3f", *info.cost_usd);
  return number;
}

// "gpt-image-1 · medium · 1024x1024 · $0.042 · 2026-11-30 05:40 UTC"
std::string details_of(const CacheEntry &entry) {
  const CacheEntryInfo &info = entry.info;
  std::string date = info.created;  // YYYY-MM-DDTHH:MM:SSZ
  if (date.size() >= 16) date = date.substr(0, 10) + " " + date.substr(11, 5) + " UTC";
  std::string out = info.model + " · " + info.quality + " · " + info.size + " · " + cost_text(info) + " · " + date;
  if (entry.image_paths.size() > 1)
    out += " · " + format_text(_("%d images (the first is inserted)"), static_cast<int>(entry.image_paths.size()));
  return out;
}

std::vector<HistoryRow> rows_of(const std::vector<CacheEntry> &entries) {
  std::vector<HistoryRow> rows;
  rows.reserve(entries.size());
  for (const CacheEntry &entry : entries)
    rows.push_back({entry.key, entry.info.prompt, details_of(entry),
                    entry.thumbnail_paths.empty() ? std::string() : entry.thumbnail_paths.front()});
  return rows;
}

// The entry's first image, decoded; refused with a sentence when its files went missing or changed.
Raster first_image(const ResultCache &cache, const CacheEntry &entry) {
  const std::optional<ImagesResult> answer = cache.load_answer(entry);
  if (!answer || answer->images.empty())
    throw GenerativeError(ErrorKind::Image,
                          format_text(_("The History entry %.12s can no longer be read (its files are missing or "
                                        "changed); it was left out. The image was left as it was."),
                                      entry.key.c_str()));
  return decode_image(answer->images.front());
}

// The result as a new layer named after the prompt: written at its own size above `anchor`, then
// scaled by GIMP onto `target`, all in one undo group. Returns the layer.
gimp::ItemId insert_result(gimp::ImageId image, gimp::ItemId anchor, const Raster &pixels, const PixelRect &target,
                           const std::string &prompt) {
  gimp::ItemId parent;
  int position = 0;
  if (anchor && gimp::is_layer(anchor) && gimp::item_image(anchor) == image) {
    parent = gimp::item_parent(anchor);
    position = gimp::item_position(image, anchor);
  }
  const PixelRect own{target.x, target.y, pixels.width, pixels.height};
  gimp::undo_group_start(image);
  const gimp::ItemId layer = gimp::insert_layer(image, history_layer_name(prompt), own, parent, position);
  bool placed = false;
  if (layer) {
    write_drawable_pixels(layer, pixels, "R'G'B'A u8");
    placed = gimp::scale_layer(layer, target);
    if (!placed) gimp::remove_layer(image, layer);
  }
  gimp::undo_group_end(image);
  if (!placed) throw GenerativeError(ErrorKind::Host, _("GIMP could not add the History entry as a layer."));
  return layer;
}

// "Use prompt": Generative Fill's dialog on this image, with the entry's prompt in it.
Outcome use_prompt(gimp::ImageId image, gimp::ItemId drawable, const std::string &prompt) {
  const std::string handover = prompt_handover_path_in_profile(gimp_directory());
  hand_over_prompt(handover, prompt);
  const bool started = gimp::run_fill_interactively(image, drawable);
  // The fill takes the prompt when its dialog opens; one that refused before (an indexed image,
  // say) must not leave it for the next fill on another image.
  take_handed_over_prompt(handover);
  if (!started) throw GenerativeError(ErrorKind::Host, _("GIMP could not open Generative Fill."));
  return Outcome{Status::Success};
}

}  // namespace

Outcome run_history(ProcedureCall &call) {
  return flow_steps::guarded(_("History failed unexpectedly: %s"), [&] {
    const gimp::ImageId image = call.image();
    const gimp::ItemId anchor = anchor_for(call.drawable());
    check_image_takes_generated_layers(image);  // before the window: nothing to choose when it cannot work
    procedures::ArgumentValues values = call.arguments();
    ResultCache cache = profile_cache();
    const std::vector<CacheEntry> entries = cache.list();
    const CacheEntry *chosen = nullptr;
    if (call.run_mode() == RunMode::NonInteractive) {
      std::vector<std::string> keys;
      keys.reserve(entries.size());
      for (const CacheEntry &entry : entries) keys.push_back(entry.key);
      chosen = &entries[resolve_history_entry(keys, values.text(spec::kArgEntry))];
    } else {
      init_gimp_ui();
      const std::string status =
          entries.empty() ? format_text(_("Nothing kept yet: results are kept in %s after each call."),
                                        cache.directory().c_str())
                          : format_text(_("%d results, kept in %s."), static_cast<int>(entries.size()),
                                        cache.directory().c_str());
      const HistoryChoice choice = run_history_window(rows_of(entries), status);
      if (choice.action == HistoryChoice::Action::Close) return Outcome{Status::Cancel};
      if (choice.action == HistoryChoice::Action::UsePrompt)
        return use_prompt(image, call.drawable(), entries[choice.row].info.prompt);
      chosen = &entries[choice.row];
    }
    const Raster pixels = first_image(cache, *chosen);
    GimpImageSource source(image, anchor);
    const PixelRect target = generation_target(source.canvas_size(), source.selection_bounds());
    const gimp::ItemId layer = insert_result(image, anchor, pixels, target, chosen->info.prompt);
    if (call.run_mode() != RunMode::NonInteractive) gimp_displays_flush();
    return Outcome{Status::Success, "", layer.id};
  });
}

}  // namespace gpt_image
