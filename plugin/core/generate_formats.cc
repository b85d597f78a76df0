#include "generate_formats.h"

#include <curl/curl.h>

#include <chrono>
#include <exception>
#include <memory>
#include <optional>

#include "concurrent_jobs.h"
#include "errors.h"
#include "i18n.h"
#include "images_api_client.h"
#include "shared_backoff.h"
#include "stage_timings.h"

namespace gpt_image {

namespace {

std::string lines_of(const std::vector<std::string> &lines) {
  std::string text;
  for (const std::string &line : lines) text += "\n" + line;
  return text;
}

// One canvas's request, prepared, sent and decoded on a worker thread.
LayersToPlace generate_one(const GenerateOptions &options, const CanvasChoice &canvas,
                           const std::vector<Raster> &references, const ConnectionSettings &connection,
                           const std::shared_ptr<SharedBackoff> &backoff, ProgressSink &progress) {
  progress.set_text(_("Preparing the request…"));
  const PreparedGeneration prepared = prepare_generation(options, {0, 0, canvas.size.width, canvas.size.height},
                                                         references, connection.model, connection.pixel_budget);
  auto started = std::chrono::steady_clock::now();
  const ImagesApiClient client(connection, backoff);
  const ImagesResult answer = prepared.with_references ? client.edit(*prepared.with_references, progress)
                                                       : client.generate(prepared.generation, progress);
  const double request_ms = elapsed_ms(started);
  started = std::chrono::steady_clock::now();
  LayersToPlace placement = placement_from_generation(prepared, answer, options);
  placement.timings = prepared.timings;
  placement.timings.request_ms = request_ms;
  placement.timings.decode_ms = elapsed_ms(started);
  return placement;
}

}  // namespace

GenerateOptions side_by_side_options(GenerateOptions options) {
  options.partial_images = 0;
  return options;
}

std::string canvas_line(const CanvasChoice &canvas, const std::string &text) {
  // TRANSLATORS: about one canvas of Generate Image: its name, its size, then its error or its cost
  return format_text(_("%s (%dx%d): %s"), canvas.name.c_str(), canvas.size.width, canvas.size.height, text.c_str());
}

FormatsReport run_generate_formats(const GenerateOptions &asked, const std::vector<CanvasChoice> &canvases,
                                   const std::vector<Raster> &references, const ConnectionSettings &connection,
                                   ProgressSink &progress, const MakeImage &make_image) {
  const GenerateOptions options = side_by_side_options(asked);
  // libcurl's global set-up is thread-safe only from 7.84 on; done here, once, before the workers
  // start, the first transfers of three threads never race for it.
  curl_global_init(CURL_GLOBAL_DEFAULT);
  auto backoff = std::make_shared<SharedBackoff>();
  std::vector<ConcurrentJob> jobs;
  for (const CanvasChoice &canvas : canvases)
    jobs.push_back({canvas.name, [&, canvas](ProgressSink &sink) {
                      return generate_one(options, canvas, references, connection, backoff, sink);
                    }});
  std::vector<std::optional<std::string>> failed(canvases.size());
  std::optional<ErrorKind> first_kind;
  FormatsReport report;
  progress.set_text(format_text(_("Sending %d requests…"), static_cast<int>(canvases.size())));
  run_concurrently(jobs, kMaxConcurrentRequests, progress,
                   [&](size_t index, LayersToPlace *placement, std::exception_ptr failure) {
                     try {
                       if (failure) std::rethrow_exception(failure);
                       make_image(index, *placement);
                       ++report.made;
                     } catch (const GenerativeError &e) {
                       if (e.kind() == ErrorKind::Cancelled) {
                         report.cancelled = true;
                         return;
                       }
                       failed[index] = canvas_line(canvases[index], e.what());
                       if (!first_kind) first_kind = e.kind();
                     } catch (const std::exception &e) {
                       failed[index] = canvas_line(canvases[index], e.what());
                       if (!first_kind) first_kind = ErrorKind::Host;
                     } catch (...) {  // nothing may unwind through GLib's C frames (this runs in a tick)
                       failed[index] = canvas_line(canvases[index], _("an unexpected error"));
                       if (!first_kind) first_kind = ErrorKind::Host;
                     }
                   });
  for (const auto &line : failed)
    if (line) report.failures.push_back(*line);
  if (report.made == 0) {
    if (report.cancelled) throw GenerativeError(ErrorKind::Cancelled, _("Cancelled."));
    throw GenerativeError(first_kind.value_or(ErrorKind::Api),
                          _("No image was made:") + lines_of(report.failures));
  }
  return report;
}

std::string formats_report_text(const FormatsReport &report, size_t canvases) {
  if (report.failures.empty() && !report.cancelled) return {};
  std::string text = format_text(_("%d of %d images were made; they stay open."), static_cast<int>(report.made),
                                 static_cast<int>(canvases));
  if (!report.failures.empty()) text += "\n" + std::string(_("These canvases failed:")) + lines_of(report.failures);
  if (report.cancelled) text += "\n" + std::string(_("The rest were cancelled."));
  return text;
}

}  // namespace gpt_image
