#include "gimp2_image_access.h"

#include <algorithm>
#include <string>

#include "errors.h"
#include "i18n.h"
#include "drawable_pixels.h"

namespace gpt_image {

PixelSize Gimp2FillSource::canvas_size() { return {gimp_image_width(image_), gimp_image_height(image_)}; }

std::optional<PixelRect> Gimp2FillSource::selection_bounds() {
  gboolean non_empty = FALSE;
  gint x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  if (!gimp_selection_bounds(image_, &non_empty, &x1, &y1, &x2, &y2) || !non_empty) return std::nullopt;
  return PixelRect{x1, y1, x2 - x1, y2 - y1};
}

namespace {

// The layer whose own pixels are exactly what is visible in `rect`, when the image is that simple
// (a photo as opened: one visible layer, normal mode and composite, full opacity, no mask, no
// floating selection, covering `rect`); -1 otherwise. Reading it directly skips duplicating and
// flattening the image (bench/README.md).
gint32 sole_visible_layer(gint32 image, const PixelRect &rect) {
  if (gimp_image_get_floating_sel(image) > 0) return -1;
  gint count = 0;
  gint *layers = gimp_image_get_layers(image, &count);
  const gint32 only = count == 1 ? layers[0] : -1;
  g_free(layers);
  if (only <= 0 || gimp_item_is_group(only) || !gimp_item_get_visible(only) || gimp_layer_get_mask(only) > 0 ||
      gimp_layer_get_opacity(only) < 100.0)
    return -1;
  const GimpLayerMode mode = gimp_layer_get_mode(only);
  const GimpLayerCompositeMode composite = gimp_layer_get_composite_mode(only);
  if ((mode != GIMP_LAYER_MODE_NORMAL && mode != GIMP_LAYER_MODE_NORMAL_LEGACY) ||
      (composite != GIMP_LAYER_COMPOSITE_AUTO && composite != GIMP_LAYER_COMPOSITE_UNION))
    return -1;
  gint ox = 0, oy = 0;
  gimp_drawable_offsets(only, &ox, &oy);
  const PixelRect extent{ox, oy, gimp_drawable_width(only), gimp_drawable_height(only)};
  return extent.contains(rect) ? only : -1;
}

}  // namespace

Raster Gimp2FillSource::read_visible(const PixelRect &rect) {
  const gint32 only = sole_visible_layer(image_, rect);
  if (only > 0) {
    gint ox = 0, oy = 0;
    gimp_drawable_offsets(only, &ox, &oy);
    return read_drawable_rgba(only, PixelRect{rect.x - ox, rect.y - oy, rect.width, rect.height});
  }
  // What is visible in `rect` alone: a duplicate of the image (its pixels are shared copy-on-write,
  // so duplicating costs no pixel copies) cropped to the rectangle, then flattened into a temporary
  // layer. Compositing the whole image instead would cost time and memory in proportion to the
  // image, not the region (bench/README.md). The duplicate is never shown and is deleted at once.
  const gint32 part = gimp_image_duplicate(image_);
  if (part <= 0) throw GenerativeError(ErrorKind::Host, _("GIMP could not provide the visible pixels."));
  gimp_image_undo_disable(part);
  gint32 visible = -1;
  if (gimp_image_crop(part, rect.width, rect.height, rect.x, rect.y))
    visible = gimp_layer_new_from_visible(part, part, "gpt-image capture");
  if (visible <= 0) {
    gimp_image_delete(part);
    throw GenerativeError(ErrorKind::Host, _("GIMP could not provide the visible pixels."));
  }
  Raster out = read_drawable_rgba(visible, {0, 0, rect.width, rect.height});
  gimp_item_delete(visible);
  gimp_image_delete(part);
  return out;
}

Raster Gimp2FillSource::read_selection(const PixelRect &rect) {
  return read_drawable_pixels(gimp_image_get_selection(image_), rect, "Y u8", 1);
}

Raster Gimp2FillSource::read_active_layer(const PixelRect &rect) {
  if (active_ <= 0 || !gimp_item_is_layer(active_))
    throw GenerativeError(ErrorKind::InvalidArgument,
                          _("Sampling the active layer needs an active layer; select one, or sample what is visible."));
  gint ox = 0, oy = 0;
  gimp_drawable_offsets(active_, &ox, &oy);
  // In the layer's own coordinates; what lies outside the layer reads as transparent.
  return read_drawable_rgba(active_, PixelRect{rect.x - ox, rect.y - oy, rect.width, rect.height});
}

void check_image_supported_gimp2(gint32 image) {
  if (gimp_image_base_type(image) == GIMP_INDEXED)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          _("Generative Fill works on RGB and grayscale images; convert this indexed image with "
                            "Image ▸ Mode ▸ RGB first."));
  gint count = 0;
  g_free(gimp_image_get_layers(image, &count));
  if (count == 0)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          _("The image has no layers; add one (Layer ▸ New Layer…) before Generative Fill."));
}

void check_image_takes_generated_layers_gimp2(gint32 image) {
  if (gimp_image_base_type(image) == GIMP_INDEXED)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          _("Generate Layer works on RGB and grayscale images; convert this indexed image with "
                            "Image ▸ Mode ▸ RGB first."));
}

std::vector<Raster> read_references_gimp2(const std::vector<gint32> &references) {
  std::vector<Raster> out;
  for (size_t i = 0; i < references.size(); ++i) {
    const gint32 drawable = references[i];
    if (!gimp_item_is_valid(drawable) || !gimp_item_is_drawable(drawable))
      throw GenerativeError(ErrorKind::InvalidArgument,
                            format_text(_("Reference %d is not a layer or channel of an open image (id %d)."),
                                        static_cast<int>(i + 1), static_cast<int>(drawable)));
    gchar *name = gimp_item_get_name(drawable);
    const std::string label = name ? name : "";
    g_free(name);
    if (gimp_item_is_group(drawable))
      throw GenerativeError(ErrorKind::InvalidArgument,
                            format_text(_("Reference %d (\"%s\") is a layer group; choose one of its layers, or "
                                          "merge the group first."),
                                        static_cast<int>(i + 1), label.c_str()));
    out.push_back(read_drawable_rgba(drawable, {0, 0, gimp_drawable_width(drawable), gimp_drawable_height(drawable)}));
  }
  return out;
}

namespace {
void add_candidates(const gint *items, gint count, const std::string &image_name, std::vector<ReferenceCandidate> &out) {
  for (gint i = 0; i < count; ++i) {
    if (gimp_item_is_group(items[i])) {
      gint children_count = 0;
      gint *children = gimp_item_get_children(items[i], &children_count);
      add_candidates(children, children_count, image_name, out);
      g_free(children);
      continue;
    }
    gchar *name = gimp_item_get_name(items[i]);
    out.push_back({items[i], image_name + " ▸ " + (name ? name : "")});
    g_free(name);
  }
}
}  // namespace

std::vector<ReferenceCandidate> reference_candidates_gimp2() {
  std::vector<ReferenceCandidate> out;
  gint image_count = 0;
  gint *images = gimp_image_list(&image_count);
  for (gint i = 0; i < image_count; ++i) {
    gchar *name = gimp_image_get_name(images[i]);
    gint layer_count = 0;
    gint *layers = gimp_image_get_layers(images[i], &layer_count);
    add_candidates(layers, layer_count, name ? name : "", out);
    g_free(layers);
    g_free(name);
  }
  g_free(images);
  return out;
}

gint32 fill_anchor_gimp2(gint32 drawable) {
  if (drawable > 0 && gimp_item_is_layer_mask(drawable)) return gimp_layer_from_mask(drawable);
  return drawable;
}

namespace {
// Whether `item` still exists and belongs to `image` (a deleted id must not reach other calls: each
// would print an error of its own).
bool item_in_image(gint32 item, gint32 image) {
  return item > 0 && gimp_item_is_valid(item) && gimp_item_get_image(item) == image;
}
}  // namespace

Gimp2LayerTarget::Gimp2LayerTarget(gint32 image, gint32 anchor) : image_(image), anchor_(anchor) {
  if (gimp_image_is_valid(image) && item_in_image(anchor, image) && gimp_item_is_layer(anchor)) {
    anchor_parent_ = std::max(0, gimp_item_get_parent(anchor));
    anchor_position_ = gimp_image_get_item_position(image, anchor);
  }
}

LayerTarget::ItemId Gimp2LayerTarget::insert_group(const std::string &name) {
  const gint32 group = gimp_layer_group_new(image_);
  if (group <= 0 || !gimp_image_insert_layer(image_, group, anchor_parent_, anchor_position_))
    throw GenerativeError(ErrorKind::Host, _("GIMP could not add the layer group."));
  gimp_item_set_name(group, name.c_str());
  return group;
}

LayerTarget::ItemId Gimp2LayerTarget::insert_layer(const std::string &name, ItemId group, int index,
                                                   const Raster &pixels, const PixelRect &at) {
  const GimpImageType type = gimp_image_base_type(image_) == GIMP_GRAY ? GIMP_GRAYA_IMAGE : GIMP_RGBA_IMAGE;
  const gint32 layer = gimp_layer_new(image_, name.c_str(), at.width, at.height, type, 100.0, GIMP_LAYER_MODE_NORMAL);
  const gint32 parent = group ? group : anchor_parent_;
  const gint position = group ? index : anchor_position_;
  if (layer <= 0 || !gimp_image_insert_layer(image_, layer, parent, position))
    throw GenerativeError(ErrorKind::Host, _("GIMP could not add the new layer."));
  gimp_layer_set_offsets(layer, at.x, at.y);
  write_drawable_pixels(layer, pixels, "R'G'B'A u8");
  return layer;
}

LayerTarget::State Gimp2LayerTarget::state() {
  State now;
  now.image_open = gimp_image_is_valid(image_);
  if (!now.image_open) return now;
  now.canvas = {gimp_image_width(image_), gimp_image_height(image_)};
  now.anchor_present = anchor_ <= 0 || item_in_image(anchor_, image_);
  return now;
}

void Gimp2LayerTarget::add_mask(ItemId layer, const Raster &pixels) {
  // Written from the selection captured with the request, never from the selection as it is now.
  const gint32 mask = gimp_layer_create_mask(layer, GIMP_ADD_MASK_BLACK);
  if (mask <= 0 || !gimp_layer_add_mask(layer, mask)) throw GenerativeError(ErrorKind::Host, _("GIMP could not add the layer mask."));
  write_drawable_pixels(mask, pixels, "Y u8");
}

}  // namespace gpt_image
