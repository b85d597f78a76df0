#include "context_plan.h"

#include <algorithm>
#include <cmath>

#include "errors.h"
#include "i18n.h"

namespace gpt_image {

namespace {

int place_on_axis(int region_start, int region_length, int frame_length, int canvas_length) {
  const double centre = region_start + region_length / 2.0;
  const int start = static_cast<int>(std::lround(centre - frame_length / 2.0));
  if (frame_length <= canvas_length) return std::clamp(start, 0, canvas_length - frame_length);
  return std::clamp(start, canvas_length - frame_length, 0);
}

int round_up_to(int value, int step) { return (value + step - 1) / step * step; }
int round_down_to(int value, int step) { return std::max(step, value / step * step); }

PixelSize nearest_fixed_size(const ImageModel &model, const PixelRect &region) {
  const double aspect = std::log(static_cast<double>(region.width) / region.height);
  PixelSize best = model.fixed_sizes.front();
  double best_distance = 1e9;
  for (const auto &s : model.fixed_sizes) {
    const double d = std::fabs(aspect - std::log(static_cast<double>(s.width) / s.height));
    if (d < best_distance - 1e-9) best = s, best_distance = d;
  }
  return best;
}

// dall-e-2 takes squares only: the smallest square that keeps the frame's resolution.
PixelSize dall_e_square(const ImageModel &model, const PixelRect &region) {
  const int side = std::max(region.width, region.height);
  for (const auto &s : model.fixed_sizes)
    if (s.width >= side) return s;
  return model.fixed_sizes.back();
}

// The Multiples rule (gpt-image-2 and later): the region's own aspect (clamped to the model's) in
// multiples of its step, no larger than the region needs and within the pixel budget and the model's
// edge and pixel limits. A region below the model's pixel floor is enlarged to it, aspect kept; the
// answer is scaled back to the frame.
PixelSize flexible_request_size(const ImageModel &model, const PixelRect &region, long long pixel_budget) {
  const int step = model.size_step;
  const double max_aspect = model.max_aspect;
  double w = region.width, h = region.height;
  if (w > max_aspect * h) h = w / max_aspect;
  if (h > max_aspect * w) w = h / max_aspect;
  long long budget = std::max<long long>(pixel_budget, 256LL * 256);
  if (model.max_pixels > 0) budget = std::min(budget, model.max_pixels);
  budget = std::max(budget, model.min_pixels);
  double scale = std::min({1.0, std::sqrt(budget / (w * h)), model.max_long_edge / std::max(w, h)});
  if (model.max_short_edge > 0) scale = std::min(scale, model.max_short_edge / std::min(w, h));
  const bool below_floor = model.min_pixels > 0 && w * h < static_cast<double>(model.min_pixels);
  if (below_floor) scale = std::sqrt(model.min_pixels / (w * h));
  int rw = round_down_to(static_cast<int>(w * scale), step);
  int rh = round_down_to(static_cast<int>(h * scale), step);
  if (scale >= 1.0 || static_cast<long long>(rw) * rh < model.min_pixels) {
    // The region fits (sent 1:1, grown by less than a step), or is enlarged to the floor, or a
    // budget at the floor would round below it: rounding up keeps every side long enough.
    rw = round_up_to(static_cast<int>(std::ceil(w * scale - 1e-9)), step);
    rh = round_up_to(static_cast<int>(std::ceil(h * scale - 1e-9)), step);
  }
  // Rounding can push the aspect just past the limit; fix it on the short side.
  while (rw > max_aspect * rh) rh += step;
  while (rh > max_aspect * rw) rw += step;
  return {rw, rh};
}

}  // namespace

PixelSize request_size_for(const ImageModel &model, const std::string &size, PixelSize target,
                           long long pixel_budget) {
  if (auto explicit_size = parse_size(size)) return *explicit_size;
  const PixelRect area{0, 0, target.width, target.height};
  if (model.size_rule == SizeRule::StandardSizes) return nearest_fixed_size(model, area);
  if (model.size_rule == SizeRule::Squares) return dall_e_square(model, area);
  return flexible_request_size(model, area, pixel_budget);
}

int context_margin(const PixelRect &selection_bounds) {
  return std::max(32, std::max(selection_bounds.width, selection_bounds.height) / 4);
}

PixelSize upload_size_for(PixelSize frame, PixelSize request, long long min_pixels) {
  if (frame.width >= request.width || frame.height >= request.height) return request;
  if (static_cast<long long>(frame.width) * frame.height < min_pixels) return request;
  const int shorter = std::min(frame.width, frame.height);
  const int factor = shorter >= kMinUploadShortSide ? 1 : (kMinUploadShortSide + shorter - 1) / shorter;
  if (frame.width * factor >= request.width || frame.height * factor >= request.height) return request;
  return {frame.width * factor, frame.height * factor};
}

PixelRect fit_frame_to_aspect(const PixelRect &region, int aspect_w, int aspect_h, PixelSize canvas) {
  long long w = region.width, h = region.height;
  // Compare w/h with aspect_w/aspect_h exactly, then grow the short dimension (rounding up so the
  // frame never cuts the region).
  if (w * aspect_h < h * aspect_w) {
    w = (h * aspect_w + aspect_h / 2) / aspect_h;
  } else {
    h = (w * aspect_h + aspect_w / 2) / aspect_w;
  }
  w = std::max<long long>(w, region.width);
  h = std::max<long long>(h, region.height);
  PixelRect frame;
  frame.width = static_cast<int>(w);
  frame.height = static_cast<int>(h);
  frame.x = place_on_axis(region.x, region.width, frame.width, canvas.width);
  frame.y = place_on_axis(region.y, region.height, frame.height, canvas.height);
  return frame;
}

ContextPlan plan_context(const PlanInput &input) {
  if (input.canvas.width <= 0 || input.canvas.height <= 0)
    throw GenerativeError(ErrorKind::InvalidArgument, _("The image is empty."));
  validate_size_for_model(input.model, input.size);

  const PixelRect canvas_rect{0, 0, input.canvas.width, input.canvas.height};
  ContextPlan plan;
  if (input.selection && !input.selection->empty()) {
    const PixelRect &s = *input.selection;
    const int m = input.margin == kAutoMargin ? context_margin(s) : input.margin;
    plan.region = PixelRect{s.x - m, s.y - m, s.width + 2 * m, s.height + 2 * m}.intersected(canvas_rect);
    if (plan.region.empty())
      throw GenerativeError(ErrorKind::InvalidArgument, _("The selection lies outside the image."));
  } else {
    plan.region = canvas_rect;
  }

  plan.request = request_size_for(input.model, input.size, plan.region.size(), input.pixel_budget);

  // A region below the model's pixel floor is enlarged instead (upload_size_for), so the context
  // stays what the selection needs.
  const bool below_floor = static_cast<long long>(plan.region.width) * plan.region.height < input.model.min_pixels;
  const bool one_to_one = input.model.size_rule == SizeRule::Multiples && !below_floor &&
                          plan.request.width >= plan.region.width && plan.request.height >= plan.region.height &&
                          !parse_size(input.size);
  if (one_to_one) {
    // The request is the region rounded up to multiples of 16: widen the context to exactly that
    // many pixels so no resampling happens at all.
    PixelRect grown = plan.region;
    grown.width = plan.request.width;
    grown.height = plan.request.height;
    plan.frame = fit_frame_to_aspect(grown, plan.request.width, plan.request.height, input.canvas);
    plan.frame.x = place_on_axis(plan.region.x, plan.region.width, plan.frame.width, input.canvas.width);
    plan.frame.y = place_on_axis(plan.region.y, plan.region.height, plan.frame.height, input.canvas.height);
  } else {
    plan.frame = fit_frame_to_aspect(plan.region, plan.request.width, plan.request.height, input.canvas);
  }
  plan.captured = plan.frame.intersected(canvas_rect);
  plan.upload = upload_size_for(plan.frame.size(), plan.request, input.model.min_pixels);
  return plan;
}

}  // namespace gpt_image
