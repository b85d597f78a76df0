#include "flow_formats.h"

#include <libgimp/gimp.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <chrono>
#include <string>

#include "common/progress_window.h"
#include "connection_settings.h"
#include "cost_line.h"
#include "errors.h"
#include "flow_budget.h"
#include "flow_accounting.h"
#include "generate_formats.h"
#include "gimp_progress.h"
#include "i18n.h"
#include "image_access.h"
#include "model_catalogue.h"
#include "plugin_settings.h"
#include "procedure_spec.h"
#include "stage_timings.h"

namespace gpt_image {

gimp::ImageId make_new_image(PixelSize canvas, const LayersToPlace &placement) {
  const gimp::ImageId made = gimp::new_rgb_image(canvas);
  gimp::undo_disable(made);  // a new image starts without history
  try {
    GimpLayerTarget layers(made, {});
    place_layers(layers, placement);
  } catch (...) {
    gimp::delete_image(made);
    throw;
  }
  gimp::undo_enable(made);
  gimp::mark_clean(made);
  return made;
}

gimp::ImageId run_new_images(const procedures::ArgumentValues &values, const std::vector<CanvasChoice> &canvases,
                             bool interactive) {
  const std::string settings = settings_path_in_profile(gimp_directory());
  const GenerateOptions options = procedures::generate_options(values);
  const ConnectionSettings connection = accounted_connection(settings, values);
  const std::vector<int> &reference_ids = values.layers(spec::kArgReferences);
  validate_generate_options(options, describe_model(connection.model), reference_ids.size());
  const std::vector<Raster> references = read_references(reference_ids);
  std::vector<PixelSize> sizes;
  for (const CanvasChoice &canvas : canvases) sizes.push_back(canvas.size);

  // The budget is held against every canvas's request together, before the first is sent.
  const CostEstimate estimate = generate_cost(options, sizes, settings);
  const std::string budget_note = enforce_monthly_budget([&] { return estimate; });
  GimpProgress bar(_("Generate Image…"));
  std::unique_ptr<ProgressWindow> window;
  if (interactive)
    window = std::make_unique<ProgressWindow>(_("Generate Image in progress"), bar, estimate.text);
  ProgressSink &progress = window ? static_cast<ProgressSink &>(*window) : bar;

  std::vector<std::optional<gimp::ImageId>> made(canvases.size());
  std::string notes = budget_note.empty() ? "" : budget_note + "\n";  // each image's notes and cost, said once at the end
  const FormatsReport report = run_generate_formats(
      options, canvases, references, connection, progress, [&](size_t index, LayersToPlace &placement) {
        const auto placing = std::chrono::steady_clock::now();
        made[index] = make_new_image(canvases[index].size, placement);
        placement.timings.place_ms = elapsed_ms(placing);
        report_stage_timings(placement.timings);
        notes += canvas_line(canvases[index], result_message(placement)) + "\n";
        if (interactive) {
          gimp::show_in_display(*made[index]);
          gimp_displays_flush();
        }
      });
  const std::string failures = formats_report_text(report, canvases.size());
  gimp_message((notes + failures).c_str());
  // The first made that is still open: shown as they arrived, the first may have been closed since.
  for (const auto &image : made)
    if (image && gimp::image_is_valid(*image)) return *image;
  throw GenerativeError(ErrorKind::Host, _("The images made were closed before the run ended."));
}

}  // namespace gpt_image
