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

// gpt-image-2: the region's own aspect (clamped to 1:3..3:1) in multiples of 16, no larger than the
// region needs and within the pixel budget and the model's edge limits.
PixelSize flexible_request_size(const PixelRect &region, long long pixel_budget) {
  double w = region.width, h = region.height;
  if (w > kFlexibleMaxAspect * h) h = w / kFlexibleMaxAspect;
  if (h > kFlexibleMaxAspect * w) w = h / kFlexibleMaxAspect;
  const double budget = static_cast<double>(std::max<long long>(pixel_budget, 256LL * 256));
  const double scale = std::min({1.0, std::sqrt(budget / (w * h)), kFlexibleMaxLongEdge / std::max(w, h),
                                 kFlexibleMaxShortEdge / std::min(w, h)});
  int rw, rh;
  if (scale >= 1.0) {  // the region fits: send it 1:1, grown by at most 15 px to a multiple of 16
    rw = round_up_to(static_cast<int>(std::ceil(w)), kFlexibleSizeStep);
    rh = round_up_to(static_cast<int>(std::ceil(h)), kFlexibleSizeStep);
  } else {
    rw = round_down_to(static_cast<int>(w * scale), kFlexibleSizeStep);
    rh = round_down_to(static_cast<int>(h * scale), kFlexibleSizeStep);
  }
  // Rounding can push the aspect just past 3:1; fix it on the short side.
  while (rw > kFlexibleMaxAspect * rh) rh += kFlexibleSizeStep;
  while (rh > kFlexibleMaxAspect * rw) rw += kFlexibleSizeStep;
  return {rw, rh};
}

}  // namespace

PixelSize request_size_for(const ImageModel &model, const std::string &size, PixelSize target,
                           long long pixel_budget) {
  if (auto explicit_size = parse_size(size)) return *explicit_size;
  const PixelRect area{0, 0, target.width, target.height};
  if (model.size_rule == SizeRule::StandardSizes) return nearest_fixed_size(model, area);
  if (model.size_rule == SizeRule::SquareDallE2) return dall_e_square(model, area);
  return flexible_request_size(area, pixel_budget);
}

int context_margin(const PixelRect &selection_bounds) {
  return std::max(32, std::max(selection_bounds.width, selection_bounds.height) / 4);
}

PixelSize upload_size_for(PixelSize frame, PixelSize request) {
  if (frame.width >= request.width || frame.height >= request.height) return request;
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

  const bool one_to_one = input.model.size_rule == SizeRule::MultiplesOf16 &&
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
  plan.upload = upload_size_for(plan.frame.size(), plan.request);
  return plan;
}

}  // namespace gpt_image
