#include "image_access.h"

#include <string>

#include "drawable_pixels.h"
#include "errors.h"
#include "i18n.h"
#include "mask_writes.h"

namespace gpt_image {

PixelSize GimpImageSource::canvas_size() { return gimp::image_size(image_); }

std::optional<PixelRect> GimpImageSource::selection_bounds() { return gimp::selection_bounds(image_); }

namespace {

// `rect` (canvas coordinates) in the drawable's own coordinates.
PixelRect in_drawable(gimp::ItemId drawable, const PixelRect &rect) {
  const gimp::PixelOffset offset = gimp::drawable_offsets(drawable);
  return PixelRect{rect.x - offset.x, rect.y - offset.y, rect.width, rect.height};
}

// The layer whose own pixels are exactly what is visible in `rect`, when the image is that simple
// (a photo as opened: one visible layer, normal mode and composite, full opacity, no mask, no
// floating selection, covering `rect`); none otherwise. Reading it directly skips duplicating and
// flattening the image (0.2 s in GIMP 3 at 24 MP, bench/README.md).
gimp::ItemId sole_visible_layer(gimp::ImageId image, const PixelRect &rect) {
  if (gimp::has_floating_selection(image)) return {};
  const std::vector<gimp::ItemId> layers = gimp::image_layers(image);
  const gimp::ItemId only = layers.size() == 1 ? layers[0] : gimp::ItemId{};
  if (!only || gimp::is_group(only) || !gimp::item_visible(only) || gimp::layer_has_mask(only) ||
      gimp::layer_opacity(only) < 100.0)
    return {};
  if (!gimp::layer_mode_is_normal(only) || !gimp::layer_composite_is_union(only)) return {};
  const gimp::PixelOffset offset = gimp::drawable_offsets(only);
  const PixelSize size = gimp::drawable_size(only);
  const PixelRect extent{offset.x, offset.y, size.width, size.height};
  return extent.contains(rect) ? only : gimp::ItemId{};
}

}  // namespace

void GimpImageSource::read_visible_bands(const PixelRect &rect, const BandSink &take) {
  if (const gimp::ItemId only = sole_visible_layer(image_, rect)) {
    read_drawable_rgba_bands(only, in_drawable(only, rect), take);
    return;
  }
  // What is visible in `rect` alone: a duplicate of the image (its pixels are shared copy-on-write,
  // so duplicating costs no pixel copies) cropped to the rectangle, then flattened into a temporary
  // layer. Compositing the whole image instead would cost time and memory in proportion to the
  // image, not the region (bench/README.md). The duplicate is never shown and is deleted at once,
  // also when reading or `take` fails.
  const gimp::ImageId part = gimp::duplicate_image(image_);
  if (!part) throw GenerativeError(ErrorKind::Host, _("GIMP could not provide the visible pixels."));
  gimp::undo_disable(part);
  gimp::ItemId visible;
  if (gimp::crop_image(part, rect)) visible = gimp::layer_from_visible(part, "gpt-image capture");
  if (!visible) {
    gimp::delete_image(part);
    throw GenerativeError(ErrorKind::Host, _("GIMP could not provide the visible pixels."));
  }
  try {
    read_drawable_rgba_bands(visible, {0, 0, rect.width, rect.height}, take);
  } catch (...) {
    gimp::delete_item(visible);
    gimp::delete_image(part);
    throw;
  }
  gimp::delete_item(visible);
  gimp::delete_image(part);
}

Raster GimpImageSource::read_visible(const PixelRect &rect) {
  Raster out(rect.width, rect.height, 4);
  int filled = 0;
  read_visible_bands(rect, [&](Raster band) {
    std::copy(band.pixels.begin(), band.pixels.end(), out.at(0, filled));
    filled += band.height;
  });
  return out;
}

void GimpImageSource::read_bands(const PixelRect &rect, bool active_layer, const BandSink &take) {
  if (!active_layer) return read_visible_bands(rect, take);
  check_active_layer();
  read_drawable_rgba_bands(active_, in_drawable(active_, rect), take);
}

Raster GimpImageSource::read_selection(const PixelRect &rect) {
  return read_drawable_pixels(gimp::selection_channel(image_), rect, "Y u8", 1);
}

void GimpImageSource::check_active_layer() const {
  if (!active_ || !gimp::is_layer(active_))
    throw GenerativeError(ErrorKind::InvalidArgument,
                          _("Sampling the active layer needs an active layer; select one, or sample what is visible."));
}

Raster GimpImageSource::read_active_layer(const PixelRect &rect) {
  check_active_layer();
  // In the layer's own coordinates; what lies outside the layer reads as transparent.
  return read_drawable_rgba(active_, in_drawable(active_, rect));
}

void check_image_takes_fill(gimp::ImageId image) {
  if (gimp::image_is_indexed(image))
    throw GenerativeError(ErrorKind::InvalidArgument,
                          _("Generative Fill works on RGB and grayscale images; convert this indexed image with "
                            "Image ▸ Mode ▸ RGB first."));
  if (gimp::image_layers(image).empty())
    throw GenerativeError(ErrorKind::InvalidArgument,
                          _("The image has no layers; add one (Layer ▸ New Layer…) before Generative Fill."));
}

void check_image_takes_generated_layers(gimp::ImageId image) {
  if (gimp::image_is_indexed(image))
    throw GenerativeError(ErrorKind::InvalidArgument,
                          _("Generate Layer works on RGB and grayscale images; convert this indexed image with "
                            "Image ▸ Mode ▸ RGB first."));
}

namespace {
std::string missing_reference_text(int number, gimp::ItemId drawable) {
  if (gimp::kScriptsPassItemIds)
    return format_text(_("Reference %d is not a layer or channel of an open image (id %d)."), number, drawable.id);
  return format_text(_("Reference %d no longer exists; choose the references again."), number);
}
}  // namespace

std::vector<Raster> read_references(const std::vector<int> &references) {
  std::vector<Raster> out;
  for (size_t i = 0; i < references.size(); ++i) {
    const gimp::ItemId drawable{references[i]};
    const int number = static_cast<int>(i + 1);
    if (!gimp::item_is_valid(drawable) || !gimp::is_drawable(drawable))
      throw GenerativeError(ErrorKind::InvalidArgument, missing_reference_text(number, drawable));
    const std::string label = gimp::item_name(drawable);
    if (gimp::is_group(drawable))
      throw GenerativeError(ErrorKind::InvalidArgument,
                            format_text(_("Reference %d (\"%s\") is a layer group; choose one of its layers, or "
                                          "merge the group first."),
                                        number, label.c_str()));
    const PixelSize size = gimp::drawable_size(drawable);
    out.push_back(read_drawable_rgba(drawable, {0, 0, size.width, size.height}));
  }
  return out;
}

namespace {
void add_candidates(const std::vector<gimp::ItemId> &items, const std::string &image_name,
                    std::vector<ReferenceCandidate> &out) {
  for (const gimp::ItemId item : items) {
    if (gimp::is_group(item)) {
      add_candidates(gimp::group_children(item), image_name, out);
      continue;
    }
    out.push_back({item.id, image_name + " ▸ " + gimp::item_name(item)});
  }
}
}  // namespace

std::vector<ReferenceCandidate> reference_candidates() {
  std::vector<ReferenceCandidate> out;
  for (const gimp::ImageId image : gimp::open_images()) {
    const std::string name = gimp::image_name(image);
    add_candidates(gimp::image_layers(image), name, out);
  }
  return out;
}

gimp::ItemId anchor_for(gimp::ItemId drawable) {
  if (drawable && gimp::is_layer_mask(drawable)) return gimp::layer_of_mask(drawable);
  return drawable;
}

namespace {
// Whether `item` still exists and belongs to `image` (a deleted id must not reach other calls: each
// would print an error of its own).
bool item_in_image(gimp::ItemId item, gimp::ImageId image) {
  return item && gimp::item_is_valid(item) && gimp::item_image(item) == image;
}
}  // namespace

GimpLayerTarget::GimpLayerTarget(gimp::ImageId image, gimp::ItemId anchor) : image_(image), anchor_(anchor) {
  if (gimp::image_is_valid(image) && item_in_image(anchor, image) && gimp::is_layer(anchor)) {
    anchor_parent_ = gimp::item_parent(anchor);
    anchor_position_ = gimp::item_position(image, anchor);
  }
}

LayerTarget::ItemId GimpLayerTarget::insert_group(const std::string &name) {
  const gimp::ItemId group = gimp::insert_layer_group(image_, name, anchor_parent_, anchor_position_);
  if (!group) throw GenerativeError(ErrorKind::Host, _("GIMP could not add the layer group."));
  return group.id;
}

LayerTarget::ItemId GimpLayerTarget::insert_layer(const std::string &name, ItemId group, int index,
                                                  const LayerPixels &pixels, const PixelRect &at) {
  const gimp::ItemId parent = group ? gimp::ItemId{group} : anchor_parent_;
  const int position = group ? index : anchor_position_;
  const gimp::ItemId layer = gimp::insert_layer(image_, name, at, parent, position);
  if (!layer) throw GenerativeError(ErrorKind::Host, _("GIMP could not add the new layer."));
  try {
    write_drawable_bands(layer, pixels);  // its bands are made as they are written, which can fail
  } catch (...) {
    gimp::remove_layer(image_, layer);  // no half-written layer is left behind
    throw;
  }
  return layer.id;
}

LayerTarget::State GimpLayerTarget::state() {
  State now;
  now.image_open = gimp::image_is_valid(image_);
  if (!now.image_open) return now;
  now.canvas = gimp::image_size(image_);
  now.anchor_present = !anchor_ || item_in_image(anchor_, image_);
  return now;
}

void GimpLayerTarget::add_mask(ItemId layer, const Raster &pixels) {
  // Written from the selection captured with the request, never from the selection as it is now.
  // GIMP fills the mask with the value most of its tiles hold; only the other tiles are written.
  // (The mask's buffer has the layer's tiles: both come from the same plug-in tile backend.)
  const MaskWrites writes = plan_mask_writes(pixels, drawable_tile_size({layer}));
  const gimp::ItemId mask = gimp::add_filled_mask({layer}, writes.fill == 255);
  if (!mask) throw GenerativeError(ErrorKind::Host, _("GIMP could not add the layer mask."));
  write_drawable_parts(mask, pixels, writes.parts, "Y u8");
}

}  // namespace gpt_image
